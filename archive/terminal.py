"""Terminal sessions pasted without a code fence, found and fenced before Markdown reads them.

Pasted into a post without fences, ``# install the server`` above ``sudo apt install nginx``
becomes an ``<h1>`` above a paragraph. ``fence_terminal_sessions`` finds such sessions and puts
them in a fence (``console`` when they show prompts, ``sh`` when they are commands and
comments), conservatively, since a false positive turns prose into code:

* a line is a *prompt* (``user@host:~$ …``, ``PS C:\\> …``, ``>>> …``, or ``$ cmd`` and
  ``(venv) $ cmd`` followed by a program's name), a *command*, a *comment* (``# …``, shell's), or
  *other*. A command starts with a program whose name is no English word (``sudo``, ``git``,
  ``pip``...) or a path (``./run.sh``), or with one that is (``make``, ``go``, ``source``...)
  followed by something prose seldom has (an option, a path, ``=``, a pipe); and it does not
  end in a full stop or comma as a sentence does;
* a *run* is consecutive prompt, command and comment lines, and after a prompt the lines it
  printed (other lines, unless they read as prose: a sentence of six words or more, or CJK
  text ending in ``。``);
* runs that fill whole blocks and follow each other across blank lines are one session;
* a session is fenced when it has a prompt, or at least two commands and it starts its block
  or follows a line ending in a colon; comments alone (which may be headings) or one bare
  command (which may be a sentence) are left as they are.

Lines inside fences and indented code are never looked at.
"""

import re

# A prompt: a host's (strong evidence by itself), or a bare one, whose command must look like one.
HOST_PROMPT_RE = re.compile(
    r"^(?:\([\w.-]+\) ?)?"  # an active virtual environment
    r"(?:[\w.-]+@[\w.-]+(?::\S*)? ?[$#%] |PS [A-Za-z]:\\[^>]*> |[A-Za-z]:\\[^>]*> |>>> )\S"
)
BARE_PROMPT_RE = re.compile(r"^(?:\([\w.-]+\) ?)?[$%] (?=\S)")
# Programs whose name is no English word: a line starting with one is a command.
COMMANDS = (
    "sudo", "apt", "apt-get", "brew", "pip", "pip3", "pipx", "python", "python3", "uv",
    "poetry", "conda", "npm", "npx", "yarn", "pnpm", "deno", "git", "cd", "ls", "mkdir", "rm",
    "cp", "mv", "curl", "wget", "docker", "podman", "kubectl", "systemctl", "journalctl",
    "cmake", "cargo", "rustup", "mvn", "gradle", "chmod", "chown", "ssh", "scp", "rsync",
    "unzip", "grep", "sed", "awk", "vim", "yum", "dnf", "pacman", "terraform", "ansible",
    "openssl", "psql", "mysql", "redis-cli", "gcc", "clang", "composer", "dotnet", "hexo",
    "jekyll", "gh", "ffmpeg", "pytest", "tox", "nvm", "zsh", "uname", "whoami", "htop",
)  # fmt: skip
# Programs named like English words: a command only with a shell-like argument after it.
WORDLIKE = (
    "make", "go", "cat", "echo", "export", "source", "service", "snap", "env", "which", "top",
    "touch", "bundle", "gem", "helm", "hugo", "java", "node", "ruby", "php", "tar", "ln", "sh",
    "bash", "nano", "bun",
)  # fmt: skip
COMMAND_RE = re.compile(
    rf"^(?:(?:{'|'.join(map(re.escape, COMMANDS))})(?: |$)|\.{{0,2}}/[\w.-]|~/)"
)
WORDLIKE_RE = re.compile(rf"^(?:{'|'.join(WORDLIKE)}) ")
# An option, a path, an assignment, a pipe or redirection, a chain: what prose rarely has.
SHELL_TOKEN_RE = re.compile(r"(?:^| )(?:--?[A-Za-z]|\.{0,2}/|~/|\$\w)|[=|&><]|\w/\w")
# Prose ends a sentence; a command line seldom ends in a full stop or a comma.
PROSE_END_RE = re.compile(r"[.,;。，；！？]$")
COMMENT_RE = re.compile(r"^#(?: .*)?$")
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INDENTED_RE = re.compile(r"^(?: {4}|\t)")
PROSE_RE = re.compile(r"^[A-Z\"“].*\b\w+\b.*[.!?]$")
CJK_PROSE_RE = re.compile(r"[\u4e00-\u9fff].*[。！？]$")


def is_command(text: str) -> bool:
    if PROSE_END_RE.search(text.rstrip()) and not text.rstrip().endswith(".."):
        return False
    if COMMAND_RE.match(text):
        return True
    return bool(WORDLIKE_RE.match(text) and SHELL_TOKEN_RE.search(text.split(" ", 1)[1]))


def kind(line: str) -> str:
    if HOST_PROMPT_RE.match(line):
        return "prompt"
    bare = BARE_PROMPT_RE.match(line)
    if bare:
        rest = line[bare.end() :]  # after a prompt, any program's name is evidence enough
        return "prompt" if is_command(rest) or WORDLIKE_RE.match(rest) else "other"
    if is_command(line):
        return "command"
    if COMMENT_RE.match(line):
        return "comment"
    return "other"


def is_prose(line: str) -> bool:
    return bool(PROSE_RE.match(line) and len(line.split()) >= 6 or CJK_PROSE_RE.search(line))


class Run:
    def __init__(self, start: int) -> None:
        self.start = self.end = start  # line indices, end exclusive
        self.prompts = self.commands = 0
        self.whole = False  # the run is its whole block
        self.introduced = False  # it starts its block, or a line ending in a colon is above it


def find_runs(lines: list[str], start: int, end: int) -> list[Run]:
    """The runs in the block ``lines[start:end]``."""
    runs: list[Run] = []
    index = start
    while index < end:
        if kind(lines[index]) == "other":
            index += 1
            continue
        run = Run(index)
        while index < end:
            found = kind(lines[index])
            if found == "other" and (not run.prompts or is_prose(lines[index])):
                break
            run.prompts += found == "prompt"
            run.commands += found == "command"
            index += 1
        run.end = index
        runs.append(run)
    return runs


def blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) of each block of Markdown text, outside fences and indented code."""
    found: list[tuple[int, int]] = []
    fence: str | None = None
    start: int | None = None
    for index, line in enumerate([*lines, ""]):
        opener = FENCE_RE.match(line)
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            continue
        if opener or not line.strip() or (start is None and INDENTED_RE.match(line)):
            if start is not None:
                found.append((start, index))
                start = None
            if opener:
                fence = opener.group(1)[0] * 3
            continue
        if start is None:
            start = index
    return found


def sessions(lines: list[str]) -> list[Run]:
    merged: list[Run] = []
    for start, end in blocks(lines):
        for run in find_runs(lines, start, end):
            run.whole = run.start == start and run.end == end
            run.introduced = run.start == start or lines[run.start - 1].rstrip().endswith(
                (":", "：")
            )
            last = merged[-1] if merged else None
            between = lines[last.end : run.start] if last else []
            if run.whole and last and last.whole and not any(line.strip() for line in between):
                last.end = run.end
                last.prompts += run.prompts
                last.commands += run.commands
            else:
                merged.append(run)
    return [run for run in merged if run.prompts or run.commands >= 2 and run.introduced]


def fence_terminal_sessions(text: str) -> str:
    lines = text.split("\n")
    found = sessions(lines)
    if not found:
        return text
    out: list[str] = []
    position = 0
    for run in found:
        language = "console" if run.prompts else "sh"
        out.extend(lines[position : run.start])
        out.extend(["", f"```{language}", *lines[run.start : run.end], "```", ""])
        position = run.end
    out.extend(lines[position:])
    return "\n".join(out)
