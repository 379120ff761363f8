// A small POSIX-shell word splitter for RUN commands and heredoc scripts: enough to find the
// commands (split on &&, ||, ;, |, &, newlines and parentheses), their words with quotes removed,
// and which command pipes into which. It does not expand anything; `$(…)`, backticks and
// `${…}` stay as written inside their word. Offsets refer to the text given.

export interface ShellWord {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** Some part of the word was quoted. */
  readonly quoted: boolean;
}

export type Separator = '&&' | '||' | ';' | '|' | '&' | '\n' | '(' | ')' | '';

export interface ShellCommand {
  readonly words: ShellWord[];
  /** Redirection targets (`> file`, `< file`), kept apart from the arguments. */
  readonly redirects: ShellWord[];
  separator: Separator;
  /** The command whose output this one reads (`a | b`: b.pipeFrom = a). */
  pipeFrom: ShellCommand | undefined;
  pipeTo: ShellCommand | undefined;
  /** programOf() memo: most rules ask for it, once per lint. */
  cachedProgram?: Program | null;
}

const SKIP_AT_START = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', '{', '}', 'fi', 'done', 'esac']);

export function parseShell(text: string, from = 0, to = text.length): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let current: ShellCommand = newCommand();
  let value = '';
  let wordStart = -1;
  let quoted = false;
  let redirectNext = false;

  const endWord = (end: number): void => {
    if (wordStart < 0) {
      return;
    }
    const word = { value, start: wordStart, end, quoted };
    if (redirectNext) {
      current.redirects.push(word);
      redirectNext = false;
    } else if (!(current.words.length === 0 && !quoted && SKIP_AT_START.has(value))) {
      current.words.push(word);
    }
    value = '';
    wordStart = -1;
    quoted = false;
  };
  const endCommand = (separator: Separator): void => {
    current.separator = separator;
    if (current.words.length > 0 || current.redirects.length > 0) {
      commands.push(current);
      const previous = current;
      current = newCommand();
      if (separator === '|') {
        previous.pipeTo = current;
        current.pipeFrom = previous;
      }
    } else {
      current.separator = '';
    }
  };
  const begin = (at: number): void => {
    if (wordStart < 0) {
      wordStart = at;
    }
  };

  let i = from;
  while (i < to) {
    const c = text[i] ?? '';
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
        endWord(i);
        i++;
        continue;
      case '\n':
        endWord(i);
        endCommand('\n');
        i++;
        continue;
      case '#':
        if (wordStart < 0) {
          while (i < to && text[i] !== '\n') {
            i++;
          }
          continue;
        }
        value += c;
        i++;
        continue;
      case '\\':
        if (text[i + 1] === '\n') {
          i += 2;
          continue;
        }
        begin(i);
        if (i + 1 < to) {
          value += text[i + 1];
          quoted = true;
        }
        i += 2;
        continue;
      case "'": {
        begin(i);
        const close = text.indexOf("'", i + 1);
        const end = close < 0 || close >= to ? to : close;
        value += text.slice(i + 1, end);
        quoted = true;
        i = end + 1;
        continue;
      }
      case '"': {
        begin(i);
        quoted = true;
        i++;
        while (i < to && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < to) {
            const next = text[i + 1] ?? '';
            value += '$`"\\\n'.includes(next) ? (next === '\n' ? '' : next) : '\\' + next;
            i += 2;
          } else if (text[i] === '$' && text[i + 1] === '(') {
            const end = balanced(text, i + 1, to, '(', ')');
            value += text.slice(i, end);
            i = end;
          } else if (text[i] === '`') {
            const end = closingBacktick(text, i, to);
            value += text.slice(i, end);
            i = end;
          } else {
            value += text[i];
            i++;
          }
        }
        i++;
        continue;
      }
      case '`': {
        begin(i);
        const end = closingBacktick(text, i, to);
        value += text.slice(i, end);
        i = end;
        continue;
      }
      case '$': {
        begin(i);
        const next = text[i + 1];
        if (next === '(' || next === '{') {
          const end = balanced(text, i + 1, to, next, next === '(' ? ')' : '}');
          value += text.slice(i, end);
          i = end;
        } else if (next === "'") {
          const close = text.indexOf("'", i + 2);
          const end = close < 0 || close >= to ? to : close;
          value += text.slice(i + 2, end);
          quoted = true;
          i = end + 1;
        } else {
          value += c;
          i++;
        }
        continue;
      }
      case ';':
        endWord(i);
        endCommand(';');
        i += text[i + 1] === ';' ? 2 : 1;
        continue;
      case '&':
        if (text[i + 1] === '&') {
          endWord(i);
          endCommand('&&');
          i += 2;
        } else if (text[i + 1] === '>') {
          endWord(i);
          redirectNext = true;
          i += text[i + 2] === '>' ? 3 : 2;
        } else {
          endWord(i);
          endCommand('&');
          i++;
        }
        continue;
      case '|':
        endWord(i);
        if (text[i + 1] === '|') {
          endCommand('||');
          i += 2;
        } else {
          endCommand('|');
          i += text[i + 1] === '&' ? 2 : 1;
        }
        continue;
      case '(':
        if (wordStart < 0 || value === '<' || value === '>') {
          // A subshell, or process substitution when it follows < or >.
          if (wordStart >= 0) {
            const end = balanced(text, i, to, '(', ')');
            value += text.slice(i, end);
            i = end;
            continue;
          }
          endCommand('(');
          i++;
          continue;
        }
        value += c;
        i++;
        continue;
      case ')':
        endWord(i);
        endCommand(')');
        i++;
        continue;
      case '<':
      case '>': {
        if (text[i + 1] === '(' && wordStart < 0) {
          begin(i);
          value += c;
          i++;
          continue;
        }
        // "2>" and "2>&1": a word of digits right before is the file descriptor.
        if (wordStart >= 0 && /^\d+$/.test(value) && !quoted) {
          value = '';
          wordStart = -1;
        } else {
          endWord(i);
        }
        let j = i + 1;
        while (j < to && '<>&|-'.includes(text[j] ?? '')) {
          j++;
        }
        const operator = text.slice(i, j);
        // `>&1`, `2>&-`: the target is a descriptor, not a file word.
        if (/&$/.test(operator) && /\d|-/.test(text[j] ?? '')) {
          while (j < to && /[\d-]/.test(text[j] ?? '')) {
            j++;
          }
        } else {
          redirectNext = true;
        }
        i = j;
        continue;
      }
      default:
        begin(i);
        value += c;
        i++;
    }
  }
  endWord(to);
  endCommand('');
  return commands;
}

function newCommand(): ShellCommand {
  return { words: [], redirects: [], separator: '', pipeFrom: undefined, pipeTo: undefined };
}

/** Index just past the bracket that closes the one at `open`, honouring quotes; `to` if none. */
function balanced(text: string, open: number, to: number, opening: string, closing: string): number {
  let depth = 0;
  for (let i = open; i < to; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
    } else if (c === "'" && opening === '(') {
      const close = text.indexOf("'", i + 1);
      i = close < 0 || close >= to ? to : close;
    } else if (c === '"') {
      for (i++; i < to && text[i] !== '"'; i++) {
        if (text[i] === '\\') {
          i++;
        }
      }
    } else if (c === opening) {
      depth++;
    } else if (c === closing) {
      depth--;
      if (depth === 0) {
        return i + 1;
      }
    }
  }
  return to;
}

function closingBacktick(text: string, open: number, to: number): number {
  for (let i = open + 1; i < to; i++) {
    if (text[i] === '\\') {
      i++;
    } else if (text[i] === '`') {
      return i + 1;
    }
  }
  return to;
}

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
/** Options of wrapper commands that take a separate value. */
const SUDO_VALUE_OPTIONS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R']);

export interface Program {
  /** Basename of the program, e.g. `apt-get` for `/usr/bin/apt-get`. */
  readonly name: string;
  /** Index of the program word in command.words. */
  readonly index: number;
  /** The words after the program. */
  readonly args: readonly ShellWord[];
  /** The `sudo` word that precedes it, if any, and the index of the first word after sudo's options. */
  readonly sudo?: { readonly word: ShellWord; readonly index: number; readonly end: number };
}

/** The program a command runs, looking through `VAR=x`, sudo, env, nice, nohup, time, exec… */
export function programOf(command: ShellCommand): Program | undefined {
  if (command.cachedProgram === undefined) {
    command.cachedProgram = findProgram(command) ?? null;
  }
  return command.cachedProgram ?? undefined;
}

function findProgram(command: ShellCommand): Program | undefined {
  const words = command.words;
  let i = 0;
  let sudo: Program['sudo'];
  for (;;) {
    while (i < words.length && ASSIGNMENT.test(words[i]?.value ?? '')) {
      i++;
    }
    const word = words[i];
    if (!word) {
      return undefined;
    }
    const name = basename(word.value);
    if (name === 'sudo' || name === 'doas') {
      const sudoIndex = i;
      i++;
      while (i < words.length && (words[i]?.value ?? '').startsWith('-')) {
        i += SUDO_VALUE_OPTIONS.has(words[i]?.value ?? '') ? 2 : 1;
      }
      sudo = { word, index: sudoIndex, end: i };
      continue;
    }
    if (name === 'env' || name === 'nohup' || name === 'exec' || name === 'command' || name === 'builtin' || name === 'time' || name === 'nice' || name === 'stdbuf') {
      i++;
      while (i < words.length && (words[i]?.value ?? '').startsWith('-')) {
        const option = words[i]?.value ?? '';
        i += (name === 'env' && option === '-u') || (name === 'nice' && option === '-n') ? 2 : 1;
      }
      continue;
    }
    if (name === 'timeout') {
      i++;
      while (i < words.length && (words[i]?.value ?? '').startsWith('-')) {
        i++;
      }
      i++;
      continue;
    }
    return { name, index: i, args: words.slice(i + 1), ...(sudo ? { sudo } : {}) };
  }
}

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash >= 0 ? path.slice(slash + 1) : path;
}
