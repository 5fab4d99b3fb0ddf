import { messages } from '../../locales/index';
import { ModuleEntry, openModule } from '../../services/modules';

/**
 * The home page's module grid. Properties: `modules` (ModuleEntry[] from resolveModules).
 * Tap: an enabled module opens its subpackage page and fires `open`; a locked one shows the
 * toast "完成工商注册后开通" and fires `locked`. Event detail: { key }.
 */
Component({
  properties: {
    modules: { type: Array, value: [] as ModuleEntry[] },
  },
  data: {
    lockedTag: messages().home.lockedTag,
  },
  methods: {
    onTap(e: WechatMiniprogram.TouchEvent) {
      const index = Number(e.currentTarget.dataset.index);
      const entry = (this.data.modules as ModuleEntry[])[index];
      if (!entry) return;
      const result = openModule(entry);
      this.triggerEvent(result === 'opened' ? 'open' : 'locked', { key: entry.key });
    },
  },
});
