/**
 * Just enough of the Dockerfile language to replay this project's Dockerfile on the
 * host, step by step, in temporary folders (the image-steps test): stages, ARG, FROM,
 * WORKDIR, COPY (from the context or another stage), RUN, ENV, USER, VOLUME, EXPOSE,
 * STOPSIGNAL, HEALTHCHECK and CMD. Anything else is an error, so the test cannot
 * silently skip a step the Dockerfile gains.
 */
export type Instruction =
  | { op: 'FROM'; image: string; stage: string | undefined }
  | { op: 'WORKDIR'; path: string }
  | { op: 'COPY'; from: string | undefined; chown: string | undefined; sources: string[]; dest: string }
  | { op: 'RUN'; command: string }
  | { op: 'ENV'; vars: Record<string, string> }
  | { op: 'USER'; user: string }
  | { op: 'VOLUME'; paths: string[] }
  | { op: 'EXPOSE'; ports: string[] }
  | { op: 'STOPSIGNAL'; signal: string }
  | { op: 'HEALTHCHECK'; options: Record<string, string>; command: string[] }
  | { op: 'CMD'; command: string[] };

/** Logical lines: comments and parser directives dropped, continuations joined. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    if (!current && (line.trim() === '' || line.trimStart().startsWith('#'))) continue;
    if (current && line.trimStart().startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1).trim()} `;
      continue;
    }
    lines.push(`${current}${line.trim()}`.trim());
    current = '';
  }
  if (current.trim()) lines.push(current.trim());
  return lines;
}

function words(text: string): string[] {
  return [...text.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

const flag = (args: string[], name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** Parses the Dockerfile, substituting ARG defaults (and `args` given) in FROM lines. */
export function parseDockerfile(text: string, buildArgs: Record<string, string> = {}): { instructions: Instruction[]; args: Record<string, string> } {
  const args: Record<string, string> = {};
  const instructions: Instruction[] = [];
  for (const line of logicalLines(text)) {
    const space = line.indexOf(' ');
    const op = line.slice(0, space).toUpperCase();
    const rest = line.slice(space + 1).trim();
    switch (op) {
      case 'ARG': {
        const [name, value = ''] = rest.split('=');
        args[name!] = buildArgs[name!] ?? value;
        break;
      }
      case 'FROM': {
        const [image, as, stage] = words(rest.replace(/\$\{(\w+)\}/g, (_, n: string) => args[n] ?? ''));
        instructions.push({ op, image: image!, stage: as?.toUpperCase() === 'AS' ? stage : undefined });
        break;
      }
      case 'WORKDIR':
        instructions.push({ op, path: rest });
        break;
      case 'COPY': {
        const parts = words(rest);
        const options = parts.filter((p) => p.startsWith('--'));
        const paths = parts.filter((p) => !p.startsWith('--'));
        const known = options.every((o) => /^--(from|chown)=/.test(o));
        if (!known || paths.length < 2) throw new Error(`COPY not understood: ${line}`);
        instructions.push({ op, from: flag(options, 'from'), chown: flag(options, 'chown'), sources: paths.slice(0, -1), dest: paths.at(-1)! });
        break;
      }
      case 'RUN':
        if (rest.startsWith('[')) throw new Error(`RUN in exec form not understood: ${line}`);
        instructions.push({ op, command: rest });
        break;
      case 'ENV':
        instructions.push({ op, vars: Object.fromEntries(words(rest).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)])) });
        break;
      case 'USER':
        instructions.push({ op, user: rest });
        break;
      case 'VOLUME':
        instructions.push({ op, paths: rest.startsWith('[') ? (JSON.parse(rest) as string[]) : words(rest) });
        break;
      case 'EXPOSE':
        instructions.push({ op, ports: words(rest) });
        break;
      case 'STOPSIGNAL':
        instructions.push({ op, signal: rest });
        break;
      case 'HEALTHCHECK': {
        const at = rest.indexOf('CMD ');
        const options = Object.fromEntries(words(rest.slice(0, at)).map((o) => o.slice(2).split('=') as [string, string]));
        instructions.push({ op, options, command: JSON.parse(rest.slice(at + 4)) as string[] });
        break;
      }
      case 'CMD':
        instructions.push({ op, command: JSON.parse(rest) as string[] });
        break;
      default:
        throw new Error(`Dockerfile instruction not understood by the image-steps test: ${line}`);
    }
  }
  return { instructions, args };
}
