// unzipper ships no types; only the central-directory API used by reader.ts is declared.
declare module 'unzipper' {
  import { Readable } from 'stream';
  interface CentralDirectoryFile {
    path: string;
    type: 'File' | 'Directory';
    uncompressedSize: number;
    stream(password?: string): Readable;
  }
  interface CentralDirectory {
    files: CentralDirectoryFile[];
  }
  export const Open: {
    file(path: string): Promise<CentralDirectory>;
    buffer(data: Buffer): Promise<CentralDirectory>;
  };
}
