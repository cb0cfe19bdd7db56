# The code interpreter's worker: one per context, state kept in one namespace between requests.
# Requests arrive on stdin, one JSON object per line: {"code": ..., "envs": {...}}.
# Everything the code prints, and the end of each request, leaves on stdout as JSON lines:
# {"type": "stdout"|"stderr", "text": ...}, {"type": "error", "name", "value", "traceback"},
# then {"type": "control", "text": "completed"|"interrupted"}.
import ast
import io
import json
import os
import sys
import traceback

_channel = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
_requests = os.fdopen(os.dup(0), "r", encoding="utf-8")
_namespace = {"__name__": "__main__", "__builtins__": __builtins__}


def _emit(message):
    _channel.write(json.dumps(message) + "\n")
    _channel.flush()


class _Stream(io.TextIOBase):
    def __init__(self, kind):
        self._kind = kind

    def write(self, text):
        if text:
            _emit({"type": self._kind, "text": text})
        return len(text)

    def writable(self):
        return True

    def isatty(self):
        return False


def _run(code):
    tree = ast.parse(code, "<input>", "exec")
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<input>", "exec"), _namespace)
    if last is not None:
        value = eval(compile(ast.Expression(last.value), "<input>", "eval"), _namespace)
        if value is not None:
            print(repr(value))


def _user_traceback(error):
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == "<input>"]
    lines = ["Traceback (most recent call last):\n"] if frames else []
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(error), error)
    return "".join(lines)


def _serve(request):
    saved_env = dict(os.environ)
    os.environ.update(request.get("envs") or {})
    sys.stdout, sys.stderr = _Stream("stdout"), _Stream("stderr")
    try:
        _run(request["code"])
        outcome = "completed"
    except KeyboardInterrupt:
        outcome = "interrupted"
    except BaseException as error:  # the user's code failed; the worker goes on
        _emit({"type": "error", "name": type(error).__name__, "value": str(error),
               "traceback": _user_traceback(error)})
        outcome = "completed"
    finally:
        sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
        os.environ.clear()
        os.environ.update(saved_env)
    _emit({"type": "control", "text": outcome})


def _main():
    while True:
        try:
            line = _requests.readline()
            if not line:
                return
            _serve(json.loads(line))
        except KeyboardInterrupt:
            # An interrupt that arrived between requests; nothing was running.
            continue


_main()
