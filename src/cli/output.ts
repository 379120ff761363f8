// Standard output for a long run: waits when the pipe is full (memory stays flat however many files
// are linted) and stops quietly when the reader goes away (`ecr-lint . | head`).

export interface OutputSink {
  write(text: string): Promise<void>;
  /** The reader closed the pipe, or writing failed: nothing more can be written, so the run may stop. */
  readonly closed: boolean;
  /** Why writing failed, when it was not simply the reader going away. */
  readonly failure?: string;
}

export function sinkFor(stream: NodeJS.WritableStream): OutputSink {
  let closed = false;
  let failure: string | undefined;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    closed = true;
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') {
      failure = error.message;
    }
  });
  return {
    get closed() {
      return closed;
    },
    get failure() {
      return failure;
    },
    async write(text: string): Promise<void> {
      if (closed || text === '') {
        return;
      }
      if (!stream.write(text)) {
        await new Promise<void>((resolve) => {
          const done = (): void => {
            stream.off('drain', done);
            stream.off('close', done);
            resolve();
          };
          stream.on('drain', done);
          stream.on('close', done);
        });
      }
    },
  };
}

/** Collects what is written, for tests and for callers that want the whole output. */
export function memorySink(): OutputSink & { readonly text: string } {
  let text = '';
  return {
    closed: false,
    get text() {
      return text;
    },
    write(chunk: string): Promise<void> {
      text += chunk;
      return Promise.resolve();
    },
  };
}
