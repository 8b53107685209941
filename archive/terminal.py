"""Terminal sessions pasted without a code fence, found and fenced before Markdown reads them.

Pasted into a post without fences, ``# install the server`` above ``sudo apt install nginx``
becomes an ``<h1>`` above a paragraph. ``fence_terminal_sessions`` finds such sessions and puts
them in a fence (``console`` when they show prompts, ``sh`` when they are commands and
comments), conservatively, since a false positive turns prose into code:

* a line is a *prompt* (``$ cmd``, ``user@host:~$ cmd``, ``(venv) $ cmd``, ``PS C:\\> cmd``,
  ``>>> expr``), a *command* (its first word is a well-known command-line program, or
  ``./script``), a *comment* (``# …``, shell's), or *other*;
* a *run* is consecutive prompt, command and comment lines, and after a prompt the lines it
  printed (other lines, unless they read as prose: a sentence of six words or more, or CJK
  text ending in ``。``);
* runs that fill whole blocks and follow each other across blank lines are one session;
* a session is fenced when it has a prompt, or at least two commands; comments alone (which
  may be headings) or one bare command (which may be a sentence) are left as they are.

Lines inside fences and indented code are never looked at.
"""

import re

PROMPT_RE = re.compile(
    r"^(?:\([\w.-]+\) ?)?"  # an active virtual environment
    r"(?:[\w.-]+@[\w.-]+(?::\S*)? ?[$#%] |\$ |% |PS [A-Za-z]:\\[^>]*> |[A-Za-z]:\\[^>]*> |>>> )"
    r"(?=[A-Za-z./~_(\[\"'-])"
)
COMMANDS = (
    "sudo", "apt", "apt-get", "brew", "pip", "pip3", "pipx", "python", "python3", "uv",
    "poetry", "conda", "npm", "npx", "yarn", "pnpm", "node", "deno", "bun", "git", "cd", "ls",
    "mkdir", "rm", "cp", "mv", "cat", "echo", "export", "source", "curl", "wget", "docker",
    "podman", "kubectl", "helm", "systemctl", "journalctl", "service", "make", "cmake",
    "cargo", "rustup", "go", "java", "mvn", "gradle", "chmod", "chown", "ssh", "scp", "rsync",
    "tar", "unzip", "ln", "touch", "grep", "sed", "awk", "vim", "nano", "yum", "dnf", "pacman",
    "snap", "terraform", "ansible", "openssl", "psql", "mysql", "redis-cli", "gcc", "clang",
    "ruby", "gem", "bundle", "php", "composer", "dotnet", "hugo", "hexo", "jekyll", "gh",
    "ffmpeg", "pytest", "tox", "nvm", "sh", "bash", "zsh", "env", "which", "uname", "whoami",
    "top", "htop",
)  # fmt: skip
COMMAND_RE = re.compile(rf"^(?:(?:{'|'.join(map(re.escape, COMMANDS))})(?: |$)|\./[\w.-])")
COMMENT_RE = re.compile(r"^#(?: .*)?$")
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
INDENTED_RE = re.compile(r"^(?: {4}|\t)")
PROSE_RE = re.compile(r"^[A-Z\"“].*\b\w+\b.*[.!?]$")
CJK_PROSE_RE = re.compile(r"[\u4e00-\u9fff].*[。！？]$")


def kind(line: str) -> str:
    if PROMPT_RE.match(line):
        return "prompt"
    if COMMAND_RE.match(line):
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
            last = merged[-1] if merged else None
            between = lines[last.end : run.start] if last else []
            if run.whole and last and last.whole and not any(line.strip() for line in between):
                last.end = run.end
                last.prompts += run.prompts
                last.commands += run.commands
            else:
                merged.append(run)
    return [run for run in merged if run.prompts or run.commands >= 2]


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
