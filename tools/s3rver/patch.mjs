// Fixes in the installed s3rver (3.7.1) that make it behave as S3 does where the tests depend on it. Each fix replaces
// a known piece of its source and is skipped when already applied; a source that holds neither version (another
// s3rver release) fails the install instead of running unpatched.
//   node tools/s3rver/patch.mjs <node_modules/s3rver>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];

const fixes = [
  {
    // CopyObject decodes its source with decodeURI, which leaves %2F and friends encoded.
    file: 'lib/controllers/object.js',
    from: "let copySource = decodeURI(ctx.headers['x-amz-copy-source']);",
    to: "let copySource = decodeURIComponent(ctx.headers['x-amz-copy-source']);",
  },
  {
    // A PUT answered once the body was read, before the file was written, so a GET right after it could read a
    // partial object; and a rewrite truncated the object in place, so a read during it saw a torn one. S3 stores an
    // object whole or not at all: write to a temporary file, answer after it is written, then rename it into place.
    file: 'lib/stores/filesystem.js',
    from: `    const [size, md5] = await new Promise((resolve, reject) => {
      const writeStream = fs.createWriteStream(objectPath);
      const md5Context = crypto.createHash('md5');

      if (Buffer.isBuffer(object.content)) {
        writeStream.end(object.content);
        md5Context.update(object.content);
        resolve([object.content.length, md5Context.digest('hex')]);
      } else {
        let totalLength = 0;
        object.content
          .pipe(
            new Transform({
              transform(chunk, encoding, callback) {
                md5Context.update(chunk, encoding);
                totalLength += chunk.length;
                callback(null, chunk);
              },
            }),
          )
          .on('error', reject)
          .on('finish', () => resolve([totalLength, md5Context.digest('hex')]))
          .pipe(writeStream);
      }
    });
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);`,
    to: `    const writingPath = \`\${objectPath}.\${crypto.randomBytes(8).toString('hex')}.writing\`;
    const [size, md5] = await new Promise((resolve, reject) => {
      const writeStream = fs.createWriteStream(writingPath);
      const md5Context = crypto.createHash('md5');
      let totalLength = 0;
      writeStream
        .on('error', reject)
        .on('finish', () => resolve([totalLength, md5Context.digest('hex')]));

      if (Buffer.isBuffer(object.content)) {
        md5Context.update(object.content);
        totalLength = object.content.length;
        writeStream.end(object.content);
      } else {
        object.content
          .pipe(
            new Transform({
              transform(chunk, encoding, callback) {
                md5Context.update(chunk, encoding);
                totalLength += chunk.length;
                callback(null, chunk);
              },
            }),
          )
          .on('error', reject)
          .pipe(writeStream);
      }
    }).catch(async error => {
      await fs.remove(writingPath);
      throw error;
    });
    await fs.rename(writingPath, objectPath);
    await this.putMetadata(object.bucket, object.key, object.metadata, md5);`,
  },
];

for (const fix of fixes) {
  const path = join(root, fix.file);
  const source = readFileSync(path, 'utf8');
  if (source.includes(fix.to)) {
    continue;
  }
  if (!source.includes(fix.from)) {
    console.error(`s3rver patch: ${fix.file} holds neither the original nor the patched code; is this s3rver 3.7.1?`);
    process.exit(1);
  }
  writeFileSync(path, source.replace(fix.from, fix.to));
}
