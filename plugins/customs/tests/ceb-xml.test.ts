/** The small strict XML reader and the escaping used by the CEB writer. */
import { CEB_NAMESPACE, escapeXml, parseXml, XmlParseError } from '../server/src/ceb';

describe('parseXml accepts well-formed documents', () => {
  it('reads prefixes, namespaces, attributes and text', () => {
    const root = parseXml(`<?xml version="1.0" encoding="UTF-8"?>
<!-- receipt -->
<ceb:CEB304Message guid="G" version='1.0' xmlns:ceb="${CEB_NAMESPACE}">
  <ceb:OrderReturn><ceb:returnInfo>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#26230;&#x6676;</ceb:returnInfo><ceb:empty/></ceb:OrderReturn>
</ceb:CEB304Message>
`);
    expect(root.localName).toBe('CEB304Message');
    expect(root.prefix).toBe('ceb');
    expect(root.namespace).toBe(CEB_NAMESPACE);
    expect(root.attributes.get('version')).toBe('1.0');
    const ret = root.children[0];
    expect(ret.children.map((c) => c.localName)).toEqual(['returnInfo', 'empty']);
    expect(ret.children[0].text).toBe('a & b <c> "d" \'e\' 晶晶');
    expect(ret.children[1].text).toBe('');
    expect(ret.line).toBe(4);
  });

  it('resolves a default namespace, a BOM, comments, CDATA and processing instructions', () => {
    const root = parseXml(`\uFEFF<a xmlns="${CEB_NAMESPACE}"><?pi data?><b><![CDATA[<raw & text>]]></b><!-- c --><x:c xmlns:x="urn:x"/></a>`);
    expect(root.namespace).toBe(CEB_NAMESPACE);
    expect(root.children[0].namespace).toBe(CEB_NAMESPACE);
    expect(root.children[0].text).toBe('<raw & text>');
    expect(root.children[1].namespace).toBe('urn:x');
  });

  it('escapeXml escapes the five specials and CR, and round-trips', () => {
    const s = `A&B <C> "D" 'E'\r\n东海`;
    const escaped = escapeXml(s);
    expect(escaped).toBe('A&amp;B &lt;C&gt; &quot;D&quot; &apos;E&apos;&#13;\n东海');
    expect(parseXml(`<a t="${escaped}">${escaped}</a>`).text).toBe(s);
    expect(() => escapeXml('bad\u0000')).toThrow(XmlParseError);
  });
});

describe('parseXml rejects malformed input with a clear error', () => {
  it.each([
    ['empty', ''],
    ['whitespace only', '   \n'],
    ['no root, just text', 'hello'],
    ['unclosed root', '<a><b>x</b>'],
    ['mismatched end tag', '<a><b>x</c></a>'],
    ['end tag without start', '</a>'],
    ['two roots', '<a/><b/>'],
    ['text after root', '<a/>tail'],
    ['undeclared prefix', '<ceb:a/>'],
    ['undeclared attribute prefix', '<a x:y="1"/>'],
    ['duplicate attribute', '<a x="1" x="2"/>'],
    ['unquoted attribute', '<a x=1/>'],
    ['attribute without value', '<a x/>'],
    ['missing space between attributes', '<a x="1"y="2"/>'],
    ['< in attribute', '<a x="<"/>'],
    ['bare &', '<a>A & B</a>'],
    ['unknown entity', '<a>&nbsp;</a>'],
    ['entity without semicolon', '<a>&amp</a>'],
    ['char ref to NUL', '<a>&#0;</a>'],
    ['DOCTYPE (entity expansion)', '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'],
    ['control character', '<a>\u0001</a>'],
    [']]> in text', '<a>x]]>y</a>'],
    ['mixed content', '<a>text<b/></a>'],
    ['unterminated comment', '<a><!-- x</a>'],
    ['-- inside comment', '<a><!-- x -- y --></a>'],
    ['unterminated CDATA', '<a><![CDATA[x</a>'],
    ['non-UTF-8 declaration', '<?xml version="1.0" encoding="GBK"?><a/>'],
    ['declaration not at start', ' <?xml version="1.0"?><a/>'],
    ['bad version', '<?xml version="1.1"?><a/>'],
    ['bad name', '<1a/>'],
    ['double colon name', '<a:b:c xmlns:a="u"/>'],
    ['empty prefix binding', '<a:b xmlns:a=""/>'],
  ])('%s', (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(XmlParseError);
  });

  it('reports line and column', () => {
    try {
      parseXml('<a>\n  <b>\n  </c>\n</a>');
      throw new Error('should have failed');
    } catch (e) {
      expect(e).toBeInstanceOf(XmlParseError);
      const err = e as XmlParseError;
      expect(err.code).toBe('CEB_XML_MALFORMED');
      expect(err.line).toBe(3);
      expect(err.message).toContain('第 3 行');
      expect(err.message).toContain('</c>');
    }
  });

  it('enforces size and depth limits', () => {
    expect(() => parseXml('<a>' + 'x'.repeat(100) + '</a>', { maxLength: 50 })).toThrow('超过');
    expect(() => parseXml('<a>'.repeat(70) + '</a>'.repeat(70))).toThrow('嵌套');
    expect(parseXml('<a>'.repeat(10) + '</a>'.repeat(10)).children).toHaveLength(1);
  });
});
