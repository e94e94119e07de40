#!/usr/bin/env python3
"""A small, independent CloudHSM-CLI-like system under test (Python 3, stdlib only).

Usage:
    python3 hsm_sut.py interactive --cluster DIR [--bug crypto-user-changes-others]

One process is one interactive session. All sessions started on the same DIR share one
cluster, kept in DIR/state.json; every command is a read-modify-write under an exclusive
flock on DIR/lock, and the new state is written to a temporary file and renamed into place.
An empty DIR is a new, unactivated cluster.

It follows the conformance harness's contract (sut-contract.md sections 1, 2 and 4) and the
reference model's rules, with deliberate differences listed in README.md next to this file:
prompt `hsm> `, answers pretty-printed with four spaces and `data` before `error_code`, its
own error wording, and `user list` in alphabetical order.
"""

import argparse
import fcntl
import json
import os
import secrets
import shlex
import signal
import sys
import tempfile

# --- Parameters (the reference model's defaults) -------------------------------------------

MIN_PASSWORD = 8
MAX_PASSWORD = 32
MAX_USERNAME = 31
LOCKOUT_THRESHOLD = 5
MAX_USERS = 1024
INITIAL_ADMIN_PASSWORD = "password"
ADMIN = "admin"
APP_USER = "app_user"

ROLE_ADMIN = "admin"
ROLE_CRYPTO = "crypto-user"
ROLE_UNACTIVATED = "unactivated-admin"
ROLE_APPLIANCE = "internal(APPLIANCE_USER)"
CLI_ROLES = (ROLE_CRYPTO, ROLE_ADMIN)

BUGS = ("crypto-user-changes-others",)

PROMPT = "hsm> "


class Refused(Exception):
    """A command that fails: its answer is error_code 1 with this message."""


# --- Command-line syntax --------------------------------------------------------------------

# option name -> (takes a value, required)
USERNAME = ("--username", True, True)
ROLE = ("--role", True, True)
PASSWORD = ("--password", True, False)
APPROVAL = ("--approval", True, False)

COMMANDS = {
    "cluster activate": [PASSWORD],
    "login": [USERNAME, ROLE, PASSWORD],
    "logout": [],
    "user create": [USERNAME, ROLE, PASSWORD, APPROVAL],
    "user delete": [USERNAME, ROLE, APPROVAL],
    "user list": [],
    "user change-password": [
        USERNAME, ROLE, PASSWORD, APPROVAL,
        ("--deregister-mfa", False, False),
        ("--deregister-quorum", False, False),
    ],
}
GROUPS = {
    "": ["cluster", "login", "logout", "user"],
    "cluster": ["activate"],
    "user": ["create", "delete", "list", "change-password"],
}
# Commands whose omitted password is asked for twice (a new password).
CONFIRMED_PASSWORD = ("cluster activate", "user create", "user change-password")


def looks_like_option(word):
    return len(word) > 1 and word.startswith("-")


def has_help_flag(words):
    for word in words:
        if word == "--":
            return False
        if word in ("-h", "--help"):
            return True
    return False


def join(path, word):
    return word if not path else path + " " + word


def parse_line(line):
    """One input line -> ("empty",) | ("quit",) | ("help", topic) | ("command", name, opts)."""
    try:
        words = shlex.split(line, comments=False, posix=True)
    except ValueError as error:
        raise Refused("ERR: syntax - cannot split the line (%s)" % error)
    if not words:
        return ("empty",)
    path = ""
    rest = words
    while True:
        if not rest:
            raise Refused("ERR: syntax - '%s' needs a subcommand" % path)
        first, rest = rest[0], rest[1:]
        if path == "" and first == "quit":
            if rest:
                raise Refused("ERR: syntax - quit takes nothing after it")
            return ("quit",)
        if first == "help":
            return ("help", help_path(path, rest))
        if first in GROUPS.get(path, []):
            path = join(path, first)
            if path in COMMANDS:
                return parse_command(path, rest)
            continue
        if looks_like_option(first):
            if has_help_flag([first] + rest):
                return ("help", path)
            raise Refused("ERR: syntax - no such option here")
        raise Refused("ERR: syntax - no such command")


def help_path(path, words):
    for word in words:
        if word in GROUPS.get(path, []):
            path = join(path, word)
        else:
            raise Refused("ERR: syntax - help knows no such command")
    return path


def parse_command(name, words):
    if has_help_flag(words):
        return ("help", name)
    specs = {spec[0]: spec for spec in COMMANDS[name]}
    opts = {}
    index = 0
    end_of_options = False
    while index < len(words):
        word = words[index]
        index += 1
        if end_of_options or not looks_like_option(word):
            raise Refused("ERR: syntax - stray word in the command")
        if word == "--":
            end_of_options = True
            continue
        option, equals, inline = word.partition("=")
        if not word.startswith("--") or option not in specs:
            raise Refused("ERR: syntax - no such option here")
        if option in opts:
            raise Refused("ERR: syntax - option given twice")
        _, takes_value, _ = specs[option]
        if not takes_value:
            if equals:
                raise Refused("ERR: syntax - that switch takes no value")
            opts[option] = True
            continue
        if equals:
            value = inline
        elif index < len(words) and not looks_like_option(words[index]):
            value = words[index]
            index += 1
        else:
            raise Refused("ERR: syntax - option without its value")
        if option == "--role" and value not in CLI_ROLES:
            raise Refused("ERR: syntax - role must be admin or crypto-user")
        opts[option] = value
    for option, _, required in COMMANDS[name]:
        if required and option not in opts:
            raise Refused("ERR: syntax - a required option is missing")
    return ("command", name, opts)


def help_text(topic):
    """Help in this SUT's own words, with a `Usage:` line as clap prints one. No line ends in a
    colon and there are no braces, so the harness takes neither for a question nor an answer."""
    if topic in GROUPS:
        children = GROUPS[topic] + ["help"] + (["quit"] if topic == "" else [])
        return "Usage: %s<COMMAND>\n  commands are %s" % (
            topic + " " if topic else "", ", ".join(children))
    parts = [topic]
    for option, takes_value, required in COMMANDS[topic]:
        text = option + (" <%s>" % option[2:].upper() if takes_value else "")
        parts.append(text if required else "[" + text + "]")
    return "Usage: " + " ".join(parts) + "\n  -h, --help  print this help"


# --- Validation -----------------------------------------------------------------------------

def canonical_username(name):
    if name == "":
        raise Refused("ERR: username is empty")
    for char in name:
        if not (char.isascii() and (char.isalnum() or char == "_")):
            raise Refused("ERR: username has a forbidden character")
    if len(name) > MAX_USERNAME:
        raise Refused("ERR: username too long")
    return name.lower()


def new_password(password):
    if password is None:
        raise Refused("ERR: password missing")
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Refused("ERR: password length out of range")
    return password


# --- Shared state ---------------------------------------------------------------------------

def new_user(role, password):
    return {"role": role, "password": password, "failed": 0, "locked": False,
            "mfa": False, "quorum": False}


def new_cluster():
    return {
        "activated": False,
        "users": {
            ADMIN: new_user(ROLE_UNACTIVATED, INITIAL_ADMIN_PASSWORD),
            APP_USER: new_user(ROLE_APPLIANCE, ""),
        },
        "logins": {},
    }


def process_status(pid):
    """(state letter, start time) of a process from /proc, or None when unreadable."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as stat:
            fields = stat.read().rsplit(b")", 1)[1].split()
        return fields[0].decode(), int(fields[19])
    except (OSError, IndexError, ValueError):
        return None


def process_alive(pid, start):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    except OSError:
        return False
    status = process_status(pid)
    if status is None:
        return True
    state, started = status
    if state in ("Z", "X"):
        return False
    return start is None or started == start


class Cluster:
    """DIR/state.json, changed only under the exclusive lock on DIR/lock."""

    def __init__(self, directory):
        self.directory = directory
        os.makedirs(directory, exist_ok=True)
        self.state_path = os.path.join(directory, "state.json")
        self.lock_path = os.path.join(directory, "lock")

    def transaction(self, change):
        """Runs change(state) under the lock and saves the state if it changed."""
        with open(self.lock_path, "a") as lock:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
            try:
                before = None
                try:
                    with open(self.state_path, "r", encoding="utf-8") as file:
                        before = file.read()
                    state = json.loads(before)
                except FileNotFoundError:
                    state = new_cluster()
                prune_dead_sessions(state)
                try:
                    return change(state)
                finally:
                    after = json.dumps(state, indent=1, sort_keys=True)
                    if after != before:
                        self.save(after)
            finally:
                fcntl.flock(lock.fileno(), fcntl.LOCK_UN)

    def save(self, text):
        handle, temporary = tempfile.mkstemp(prefix=".state-", suffix=".tmp",
                                             dir=self.directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as file:
                file.write(text)
            os.replace(temporary, self.state_path)
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise


def prune_dead_sessions(state):
    logins = state["logins"]
    for session, login in list(logins.items()):
        if not process_alive(login["pid"], login.get("start")):
            del logins[session]


# --- The rules ------------------------------------------------------------------------------

def user_data(name, role):
    return {"username": name, "role": role}


def logged_in_elsewhere(state, name, session):
    return any(sid != session and login["user"] == name
               for sid, login in state["logins"].items())


def caller_of(state, session):
    login = state["logins"].get(session)
    if login is None:
        return None
    return login["user"], state["users"][login["user"]]


class Session:
    def __init__(self, cluster, bugs):
        self.cluster = cluster
        self.bugs = set(bugs)
        self.pid = os.getpid()
        status = process_status(self.pid)
        self.start = status[1] if status else None
        self.id = "%d-%s" % (self.pid, secrets.token_hex(8))

    # Each handler runs under the lock with the loaded state. Checks go in the order of rule
    # HSM-ORDER-001: the session's login and role, the cluster's activation, the arguments
    # (username, then password), then the target user.

    def activate(self, state, opts):
        if state["activated"]:
            raise Refused("ERR: cluster already active")
        password = new_password(opts.get("--password"))
        admin = state["users"][ADMIN]
        admin.update(role=ROLE_ADMIN, password=password, failed=0, locked=False)
        state["activated"] = True
        return "Cluster activation successful"

    def login(self, state, opts):
        if self.id in state["logins"]:
            raise Refused("ERR: session already has a login")
        name = canonical_username(opts["--username"])
        password = opts.get("--password")
        if password is None:
            raise Refused("ERR: password missing")
        user = state["users"].get(name)
        if user is None:
            raise Refused("ERR: login denied")
        if user["role"] == ROLE_APPLIANCE:
            raise Refused("ERR: appliance user is off limits")
        role = opts["--role"]
        unactivated = user["role"] == ROLE_UNACTIVATED and role == ROLE_ADMIN
        if user["role"] != role and not unactivated:
            raise Refused("ERR: login denied")
        if user["locked"]:
            raise Refused("ERR: account locked")
        if user["password"] != password:
            user["failed"] += 1
            if user["failed"] >= LOCKOUT_THRESHOLD:
                user["locked"] = True
            raise Refused("ERR: login denied")
        user["failed"] = 0
        state["logins"][self.id] = {"user": name, "pid": self.pid, "start": self.start}
        return user_data(name, user["role"])

    def logout(self, state, opts):
        if state["logins"].pop(self.id, None) is None:
            raise Refused("ERR: no user logged in on this session")
        return "Logout successful"

    def require_admin(self, state):
        caller = caller_of(state, self.id)
        if caller is None:
            raise Refused("ERR: no user logged in on this session")
        if caller[1]["role"] != ROLE_ADMIN:
            raise Refused("ERR: not permitted")
        if not state["activated"]:
            raise Refused("ERR: cluster not active yet")
        return caller

    def create(self, state, opts):
        self.require_admin(state)
        name = canonical_username(opts["--username"])
        password = new_password(opts.get("--password"))
        if name in state["users"]:
            raise Refused("ERR: user exists")
        if len(state["users"]) >= MAX_USERS:
            raise Refused("ERR: user limit reached")
        state["users"][name] = new_user(opts["--role"], password)
        return user_data(name, opts["--role"])

    def delete(self, state, opts):
        self.require_admin(state)
        name = canonical_username(opts["--username"])
        user = state["users"].get(name)
        if user is None or user["role"] != opts["--role"]:
            raise Refused("ERR: no such user")
        if logged_in_elsewhere(state, name, None):
            raise Refused("ERR: user is logged in somewhere")
        del state["users"][name]
        return user_data(name, user["role"])

    def change_password(self, state, opts):
        caller = caller_of(state, self.id)
        if caller is None:
            raise Refused("ERR: no user logged in on this session")
        if not state["activated"]:
            raise Refused("ERR: cluster not active yet")
        caller_name, caller_user = caller
        name = canonical_username(opts["--username"])
        password = new_password(opts.get("--password"))
        if name == APP_USER:
            raise Refused("ERR: appliance user is off limits")
        target = state["users"].get(name)
        if target is None or target["role"] != opts["--role"]:
            raise Refused("ERR: no such user")
        if caller_name != name:
            may_change_others = (caller_user["role"] == ROLE_ADMIN
                                 or "crypto-user-changes-others" in self.bugs)
            if not may_change_others:
                raise Refused("ERR: not permitted")
            if logged_in_elsewhere(state, name, self.id):
                raise Refused("ERR: user is logged in somewhere")
        target["password"] = password
        if opts.get("--deregister-mfa"):
            target["mfa"] = False
        if opts.get("--deregister-quorum"):
            target["quorum"] = False
        if caller_user["role"] == ROLE_ADMIN:
            target["locked"] = False
            target["failed"] = 0
        return user_data(name, target["role"])

    def list_users(self, state, opts):
        enabled = [{"strategy": "token-sign", "status": "enabled"}]
        entries = []
        # Deliberate difference: alphabetical, where the model uses creation order (HSM-LIST-003).
        for name in sorted(state["users"]):
            user = state["users"][name]
            entries.append({
                "username": name,
                "role": user["role"],
                "locked": "true" if user["locked"] else "false",
                "mfa": list(enabled) if user["mfa"] else [],
                "quorum": list(enabled) if user["quorum"] else [],
                "cluster-coverage": "full",
            })
        return {"users": entries}

    HANDLERS = {
        "cluster activate": activate,
        "login": login,
        "logout": logout,
        "user create": create,
        "user delete": delete,
        "user list": list_users,
        "user change-password": change_password,
    }

    def run(self, name, opts):
        handler = self.HANDLERS[name]
        return self.cluster.transaction(lambda state: handler(self, state, opts))

    def end(self):
        """End of input: this session's user is logged out."""
        def drop(state):
            state["logins"].pop(self.id, None)
        self.cluster.transaction(drop)


# --- The interactive loop -------------------------------------------------------------------

class EndOfInput(Exception):
    pass


_at_line_start = [True]


def write(text):
    sys.stdout.write(text)
    sys.stdout.flush()
    if text:
        _at_line_start[0] = text.endswith("\n")


def answer(data, error_code):
    # Deliberate difference: `data` first, four-space indentation.
    write(json.dumps({"data": data, "error_code": error_code}, indent=4) + "\n")


def read_line():
    raw = sys.stdin.buffer.readline()
    if not raw:
        raise EndOfInput()
    if raw.endswith(b"\n"):
        raw = raw[:-1]
    return raw.decode("utf-8")


def ask(question):
    """Prints a question at the start of a line, waits after it as a terminal prompt does, and
    reads the answer line (without its newline); then ends the question's line."""
    write(("" if _at_line_start[0] else "\n") + question)
    answer_line = read_line()
    write("\n")
    if answer_line.endswith("\r"):
        answer_line = answer_line[:-1]
    return answer_line


def prompt_for_password(name, opts):
    if "--password" in opts or PASSWORD not in COMMANDS[name]:
        return
    password = ask("Enter password:")
    if name in CONFIRMED_PASSWORD and ask("Confirm password:") != password:
        raise Refused("ERR: the two passwords differ")
    opts["--password"] = password


def interact(session):
    while True:
        write(PROMPT)
        try:
            line = read_line()
        except UnicodeDecodeError:
            answer("ERR: syntax - the line is not UTF-8", 1)
            continue
        try:
            parsed = parse_line(line)
            if parsed[0] == "empty":
                continue
            if parsed[0] == "quit":
                return
            if parsed[0] == "help":
                write(help_text(parsed[1]) + "\n")
                continue
            _, name, opts = parsed
            prompt_for_password(name, opts)
            data = session.run(name, opts)
        except Refused as refusal:
            answer(str(refusal), 1)
        except UnicodeDecodeError:
            answer("ERR: the answer is not UTF-8", 1)
        else:
            answer(data, 0)


def main(argv):
    parser = argparse.ArgumentParser(prog="hsm_sut.py", description=__doc__.splitlines()[0])
    modes = parser.add_subparsers(dest="mode", required=True)
    interactive = modes.add_parser("interactive", help="one interactive session")
    interactive.add_argument("--cluster", required=True, help="the cluster's directory")
    interactive.add_argument("--bug", action="append", default=[], choices=BUGS,
                             help="a deliberate bug, for the harness's own tests")
    args = parser.parse_args(argv)

    def terminate(signum, frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGHUP, terminate)
    session = Session(Cluster(args.cluster), args.bug)
    status = 0
    try:
        interact(session)
    except EndOfInput:
        pass
    except KeyboardInterrupt:
        status = 130
    except BrokenPipeError:
        # Nobody reads our answers any more; keep the interpreter from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        session.end()
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
