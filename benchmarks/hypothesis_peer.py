#!/usr/bin/env python3
"""A Hypothesis peer of `harness explore`, for benchmarking (issue #5).

A `RuleBasedStateMachine` drives the bundled CloudHSM-CLI simulator through the same process
interface the harness uses (one `harness simulate interactive --cluster DIR [--mutant NAME]`
process per session, all sessions on one fresh temporary cluster per test case; one command line
written, one JSON object read back) and checks every answer against a small Python model of the
same rules (the harness's `outcome` level: success or failure, and `data` on success; `user list`
compared as a set of entries, since its order is an inferred rule).

Each Hypothesis rule sends one command. Time-to-kill is the wall time from the start of the run
to the first step whose answer differs from the model, recorded inside the machine before
Hypothesis starts shrinking.

Usage:
  python3 benchmarks/hypothesis_peer.py --harness .build/release/harness \
      [--mutant NAME] [--steps N] [--max-seconds S] [--seed S]

Prints exactly one JSON line on standard output at the end:
  {"tool": "hypothesis", "mutant": NAME|null, "steps": N, "seconds": S,
   "steps_per_second": R, "killed": bool, "time_to_kill": T|null}
(plus an "error" key only when the run could not be completed). Everything else, including
Hypothesis's falsifying example, goes to standard error.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

try:
    import hypothesis  # noqa: F401
except ImportError:  # pragma: no cover - depends on the machine
    subprocess.check_call(
        [sys.executable, "-m", "pip", "install", "--quiet", "hypothesis"], stdout=sys.stderr
    )
    import hypothesis  # noqa: F401

from hypothesis import HealthCheck, settings
from hypothesis import seed as hypothesis_seed
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)

# --------------------------------------------------------------------------------------------
# Run control: step/time budget, first-failure clock, cleanup.
# --------------------------------------------------------------------------------------------


class StopRun(KeyboardInterrupt):
    """Ends the whole Hypothesis run (budget spent, signal). Hypothesis propagates a
    KeyboardInterrupt at once, without recording the test case or taking it for a failure."""


class SessionError(KeyboardInterrupt):
    """The simulator could not be driven (no answer, died): not a divergence; ends the run."""


class Run:
    """Global state of one benchmark run, shared by every machine instance."""

    def __init__(self, harness: str, mutant: str | None, max_steps: int | None,
                 max_seconds: float | None, shrink_seconds: float | None, sessions: int):
        self.harness = harness
        self.mutant = mutant
        self.max_steps = max_steps
        self.max_seconds = max_seconds
        self.shrink_seconds = shrink_seconds
        self.sessions = sessions
        self.start = time.monotonic()
        self.steps = 0
        self.first_failure: float | None = None  # seconds from start
        self.first_failure_steps: int | None = None
        self.first_failure_text: str | None = None
        self.live: set[Cluster] = set()
        self.stop_reason: str | None = None
        self.accepted = 0  # commands the simulator accepted (error_code 0)
        self.test_cases = 0
        self.session_error: str | None = None

    def stop(self, reason: str):
        self.stop_reason = self.stop_reason or reason
        raise StopRun(reason)

    def broken(self, reason: str):
        self.session_error = self.session_error or reason
        raise SessionError(reason)

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def tick(self) -> None:
        """Called before every command: stop when the budget is spent."""
        if self.max_steps is not None and self.steps >= self.max_steps:
            self.stop("steps")
        elapsed = self.elapsed()
        if self.max_seconds is not None and elapsed >= self.max_seconds:
            self.stop("time")
        if (self.first_failure is not None and self.shrink_seconds is not None
                and elapsed >= self.first_failure + self.shrink_seconds):
            self.stop("shrink budget")
        self.steps += 1

    def failed(self, text: str) -> None:
        if self.first_failure is None:
            self.first_failure = self.elapsed()
            self.first_failure_steps = self.steps
            self.first_failure_text = text

    def cleanup(self) -> None:
        for cluster in list(self.live):
            cluster.close()


RUN: Run | None = None


# --------------------------------------------------------------------------------------------
# The process interface: one simulator process per session, one shared cluster directory.
# --------------------------------------------------------------------------------------------

ANSWER_TIMEOUT = 10.0
DECODER = json.JSONDecoder()


class Session:
    """One `harness simulate interactive` process."""

    def __init__(self, run: Run, cluster_dir: str):
        self.run = run
        argv = [run.harness, "simulate", "interactive", "--cluster", cluster_dir]
        if run.mutant:
            argv += ["--mutant", run.mutant]
        self.process = subprocess.Popen(
            argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            bufsize=0)
        self.fd = self.process.stdout.fileno()
        self.buffer = ""

    def send(self, line: str) -> dict:
        """Writes one command line and reads until one complete JSON object has arrived."""
        try:
            self.process.stdin.write(line.encode() + b"\n")
        except (BrokenPipeError, OSError) as error:
            self.run.broken(f"cannot write to the session: {error}")
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while True:
            start = self.buffer.find("{")
            if start >= 0 and "}" in self.buffer[start:]:
                try:
                    value, end = DECODER.raw_decode(self.buffer, start)
                except json.JSONDecodeError:
                    pass  # incomplete: read more
                else:
                    self.buffer = self.buffer[end:]
                    return value
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.run.broken(f"no JSON answer within {ANSWER_TIMEOUT} s to {line!r}")
            ready, _, _ = select.select([self.fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(self.fd, 65536)
            if not chunk:
                self.run.broken(f"the session ended without answering {line!r}")
            self.buffer += chunk.decode("utf-8", errors="replace")

    def end(self) -> None:
        """End of input: the session logs out and exits; wait for it so the cluster is updated.

        The exit is awaited through EOF on its output (select), not Popen.wait(timeout=...),
        which polls with sleeps."""
        try:
            self.process.stdin.close()
        except OSError:
            pass
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            ready = remaining > 0 and select.select([self.fd], [], [], remaining)[0]
            if not ready:
                self.kill()
                self.run.broken("the session did not exit at end of input")
            if not os.read(self.fd, 65536):
                break
        self.process.wait()
        with contextlib.suppress(OSError):
            self.process.stdout.close()

    def kill(self) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(OSError):
                self.process.kill()
            self.process.wait()  # SIGKILL: no polling needed
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(Exception):
                stream.close()


class Cluster:
    """A fresh temporary cluster directory and its sessions (started when first used)."""

    def __init__(self, run: Run):
        self.run = run
        self.directory = tempfile.mkdtemp(prefix="hsm-hypothesis-")
        self.sessions: list[Session | None] = [None] * run.sessions
        run.live.add(self)

    def send(self, index: int, line: str) -> dict:
        session = self.sessions[index]
        if session is None:
            session = self.sessions[index] = Session(self.run, self.directory)
        return session.send(line)

    def end_session(self, index: int) -> None:
        session = self.sessions[index]
        if session is not None:
            session.end()
            self.sessions[index] = None

    def close(self) -> None:
        for index, session in enumerate(self.sessions):
            if session is not None:
                session.kill()
                self.sessions[index] = None
        shutil.rmtree(self.directory, ignore_errors=True)
        self.run.live.discard(self)


# --------------------------------------------------------------------------------------------
# The oracle: a small Python model of the rules (Sources/ReferenceModel/Rules/*.swift).
# --------------------------------------------------------------------------------------------

ADMIN_ROLE, CRYPTO_ROLE = "admin", "crypto-user"
UNACTIVATED_ROLE, APPLIANCE_ROLE = "unactivated-admin", "internal(APPLIANCE_USER)"
ADMIN_NAME, APPLIANCE_NAME = "admin", "app_user"
INITIAL_ADMIN_PASSWORD = "password"
MAX_NAME, MIN_PASSWORD, MAX_PASSWORD = 31, 8, 32
LOCKOUT_THRESHOLD, MAX_USERS = 5, 1024
NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")


class Refused(Exception):
    pass


class User:
    __slots__ = ("name", "role", "password", "failed", "locked", "index")

    def __init__(self, name: str, role: str, password: str, index: float):
        self.name, self.role, self.password, self.index = name, role, password, index
        self.failed, self.locked = 0, False

    def entry(self) -> dict:
        return {"username": self.name, "role": self.role,
                "locked": "true" if self.locked else "false", "mfa": [], "quorum": [],
                "cluster-coverage": "full"}


def canonical_name(name: str) -> str:
    """HSM-NAME-001..004: non-empty, [A-Za-z0-9_], at most 31 bytes; case-insensitive."""
    if not name or any(c not in NAME_CHARS for c in name) or len(name.encode()) > MAX_NAME:
        raise Refused("invalid username")
    return name.lower()


def new_password(password: str) -> str:
    """HSM-PW-001: 8 to 32 Unicode scalars."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise Refused("invalid password length")
    return password


class Model:
    """The cluster as the rules say; each method returns ("ok", data) or ("err", None)."""

    def __init__(self):
        self.activated = False
        self.users = {
            ADMIN_NAME: User(ADMIN_NAME, UNACTIVATED_ROLE, INITIAL_ADMIN_PASSWORD, 0),
            APPLIANCE_NAME: User(APPLIANCE_NAME, APPLIANCE_ROLE, "", float("inf")),
        }
        self.logins: dict[int, str] = {}
        self.next_index = 1
        self.known_names: list[str] = [ADMIN_NAME, APPLIANCE_NAME]  # incl. deleted ones

    def listed(self) -> list[User]:
        return sorted(self.users.values(), key=lambda user: user.index)

    def caller(self, session: int) -> User | None:
        name = self.logins.get(session)
        return self.users.get(name) if name is not None else None

    def apply(self, session: int, command: str, *args):
        try:
            return "ok", getattr(self, command)(session, *args)
        except Refused:
            return "err", None

    def activate(self, session, password):
        if self.activated:
            raise Refused("already activated")  # HSM-ACT-004
        password = new_password(password)
        admin = self.users[ADMIN_NAME]
        admin.role, admin.password, admin.failed, admin.locked = ADMIN_ROLE, password, 0, False
        self.activated = True
        return "Cluster activation successful"

    def login(self, session, name, role, password):
        if session in self.logins:
            raise Refused("already logged in")  # HSM-LOGIN-005
        name = canonical_name(name)
        user = self.users.get(name)
        if user is None:
            raise Refused("no such user")  # HSM-LOGIN-003
        if user.role == APPLIANCE_ROLE:
            raise Refused("appliance user")  # HSM-LOGIN-008
        unactivated = user.role == UNACTIVATED_ROLE and role == ADMIN_ROLE
        if user.role != role and not unactivated:
            raise Refused("wrong role")  # HSM-LOGIN-002 (not counted)
        if user.locked:
            raise Refused("locked")  # HSM-LOCK-002
        if user.password != password:
            user.failed += 1  # HSM-LOGIN-004
            if user.failed >= LOCKOUT_THRESHOLD:
                user.locked = True  # HSM-LOCK-001
            raise Refused("wrong password")
        user.failed = 0  # HSM-LOCK-004
        self.logins[session] = name
        return {"username": name, "role": user.role}

    def logout(self, session):
        if self.logins.pop(session, None) is None:
            raise Refused("not logged in")  # HSM-LOGOUT-002
        return "Logout successful"

    def end_session(self, session):
        self.logins.pop(session, None)  # HSM-LOGOUT-003

    def require_admin(self, session):
        caller = self.caller(session)
        if caller is None or caller.role != ADMIN_ROLE:
            raise Refused("needs admin")  # HSM-CREATE-001, HSM-DELETE-001
        if not self.activated:
            raise Refused("not activated")  # HSM-ACT-005

    def create(self, session, name, role, password):
        self.require_admin(session)
        name = canonical_name(name)
        password = new_password(password)
        if name in self.users:
            raise Refused("duplicate")  # HSM-CREATE-003
        if len(self.users) >= MAX_USERS:
            raise Refused("user limit")  # HSM-CREATE-004
        self.users[name] = User(name, role, password, self.next_index)
        self.next_index += 1
        if name not in self.known_names:
            self.known_names.append(name)
        return {"username": name, "role": role}

    def delete(self, session, name, role):
        self.require_admin(session)
        name = canonical_name(name)
        user = self.users.get(name)
        if user is None or user.role != role:
            raise Refused("no such user/role")  # HSM-DELETE-003
        if name in self.logins.values():
            raise Refused("logged in")  # HSM-DELETE-002
        del self.users[name]
        return {"username": name, "role": user.role}

    def list(self, session):
        return {"users": [user.entry() for user in self.listed()]}  # HSM-LIST-001/002

    def change_password(self, session, name, role, password):
        caller = self.caller(session)
        if caller is None:
            raise Refused("not logged in")  # HSM-CHPW-001
        if not self.activated:
            raise Refused("not activated")  # HSM-ACT-005
        name = canonical_name(name)
        password = new_password(password)
        if name == APPLIANCE_NAME:
            raise Refused("appliance user")  # HSM-CHPW-008
        target = self.users.get(name)
        if target is None or target.role != role:
            raise Refused("no such user/role")  # HSM-CHPW-006
        if caller.name != name:
            if caller.role != ADMIN_ROLE:
                raise Refused("crypto user")  # HSM-CHPW-003
            if any(s != session and n == name for s, n in self.logins.items()):
                raise Refused("logged in elsewhere")  # HSM-CHPW-005
        target.password = password  # HSM-CHPW-007
        if caller.role == ADMIN_ROLE:
            target.locked, target.failed = False, 0  # HSM-LOCK-003 (HSM-LOCK-005 otherwise)
        return {"username": name, "role": target.role}


# --------------------------------------------------------------------------------------------
# Command lines, as the harness's CommandLinePrinter spells them.
# --------------------------------------------------------------------------------------------

PLAIN = NAME_CHARS | set("-.,/:@%+=")


def quoted(value: str) -> str:
    if value and all(c in PLAIN for c in value):
        return value
    if "'" not in value:
        return "'" + value + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def option(name: str, value: str) -> str:
    return f"{name}={quoted(value)}" if value.startswith("-") else f"{name} {quoted(value)}"


def identity(name: str, role: str) -> str:
    return option("--username", name) + " " + option("--role", role)


def normalized(data):
    """`user list` compared as a set of entries (its order is an inferred rule)."""
    if isinstance(data, dict) and isinstance(data.get("users"), list):
        users = sorted(data["users"], key=lambda u: json.dumps(u, sort_keys=True))
        return {**data, "users": users}
    return data


# --------------------------------------------------------------------------------------------
# Strategies: biased like the harness's CommandGenerator (limits, near misses, wrong case).
# --------------------------------------------------------------------------------------------

CANDIDATE_NAMES = ["alice", "bob", "carol", "dave", "Eve", "crypto_user_1", "n" * 31, "m" * 32,
                   "bad-name", "", "ALICE", "admin", "app_user"]
PASSWORD_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#%_-=+"

roles = st.sampled_from([ADMIN_ROLE, CRYPTO_ROLE])
names = st.one_of(
    st.sampled_from(CANDIDATE_NAMES),
    st.from_regex(r"[A-Za-z0-9_]{1,31}", fullmatch=True),
    st.sampled_from([30, 31, 32, 33]).flatmap(
        lambda n: st.text("abcdefghijklmnopqrstuvwxyz_0123456789", min_size=n, max_size=n)),
)
valid_passwords = st.text(PASSWORD_ALPHABET, min_size=MIN_PASSWORD, max_size=MAX_PASSWORD)
passwords = st.one_of(
    valid_passwords,
    st.sampled_from([7, 8, 32, 33]).flatmap(
        lambda n: st.text(PASSWORD_ALPHABET, min_size=n, max_size=n)),
    st.text(PASSWORD_ALPHABET, max_size=40),
)
case_variants = st.sampled_from([str, str.upper, str.swapcase, str.capitalize])


def selectable_role(role: str) -> str:
    return role if role in (ADMIN_ROLE, CRYPTO_ROLE) else ADMIN_ROLE


# --------------------------------------------------------------------------------------------
# The state machine.
# --------------------------------------------------------------------------------------------


def make_machine(run: Run):
    session_ids = st.integers(min_value=0, max_value=run.sessions - 1)

    class HsmUsers(RuleBasedStateMachine):
        """One test case: a fresh cluster, `run.sessions` sessions, one command per rule."""

        def __init__(self):
            super().__init__()
            self.model = Model()
            self.cluster = Cluster(run)
            run.test_cases += 1

        def teardown(self):
            self.cluster.close()

        # -- one command, checked against the model --------------------------------------

        def check(self, session: int, line: str, command: str, *args) -> None:
            run.tick()
            expected, expected_data = self.model.apply(session, command, *args)
            answer = self.cluster.send(session, line)
            ok = answer.get("error_code") == 0
            run.accepted += ok
            if ok != (expected == "ok") or (ok and normalized(answer.get("data"))
                                            != normalized(expected_data)):
                text = (f"[s{session}] {line}\n  expected: {expected} {expected_data!r}\n"
                        f"  observed: {json.dumps(answer)}")
                run.failed(text)
                raise AssertionError("divergence from the model: " + text)

        def free_session(self, data, session: int) -> int:
            """A login is more interesting where it can succeed or count a failure."""
            if session in self.model.logins:
                free = [s for s in range(run.sessions) if s not in self.model.logins]
                if free and data.draw(st.booleans(), label="use a free session"):
                    return data.draw(st.sampled_from(free), label="free session")
            return session

        def existing(self, data) -> tuple[str, str]:
            """An existing (or once-created) user, possibly in another case; and its role."""
            name = data.draw(st.sampled_from(self.model.known_names), label="user")
            user = self.model.users.get(name)
            spelled = data.draw(case_variants, label="case")(name)
            role = selectable_role(user.role) if user else data.draw(roles)
            if data.draw(st.integers(0, 7), label="wrong role?") == 0:
                role = data.draw(roles, label="any role")
            return spelled, role

        # -- the setup most test cases start with (the harness does it in 4 of 5 traces) --

        @initialize(activate=st.integers(0, 4), password=valid_passwords)
        def activate_and_log_in(self, activate, password):
            if activate == 0:
                return
            self.check(0, "cluster activate " + option("--password", password),
                       "activate", password)
            line = "login " + identity(ADMIN_NAME, ADMIN_ROLE) + " " + option("--password", password)
            self.check(0, line, "login", ADMIN_NAME, ADMIN_ROLE, password)

        # -- rules: each sends one command ------------------------------------------------

        @rule(session=session_ids, password=passwords)
        def cluster_activate(self, session, password):
            self.check(session, "cluster activate " + option("--password", password),
                       "activate", password)

        @rule(data=st.data(), session=session_ids)
        def login_existing(self, data, session):
            session = self.free_session(data, session)
            name, role = self.existing(data)
            user = self.model.users.get(name.lower())
            stored = user.password if user else INITIAL_ADMIN_PASSWORD
            how = data.draw(st.sampled_from(["right", "right", "upper", "wrong", "any"]),
                            label="password")
            password = {"right": stored, "upper": stored.upper(), "wrong": stored + "x"}.get(how)
            if password is None:
                password = data.draw(passwords, label="any password")
            self.check(session, "login " + identity(name, role) + " " + option("--password", password),
                       "login", name, role, password)

        @precondition(lambda self: any(u.failed > 0 and not u.locked
                                       for u in self.model.users.values()))
        @rule(data=st.data(), session=session_ids)
        def login_failing_again(self, data, session):
            """Keep failing against a user with failures already: lockout gets reached."""
            session = self.free_session(data, session)
            failing = [u for u in self.model.listed() if u.failed > 0 and not u.locked]
            user = data.draw(st.sampled_from(failing), label="failing user")
            role = selectable_role(user.role)
            line = ("login " + identity(user.name, role) + " "
                    + option("--password", user.password + "x"))
            self.check(session, line, "login", user.name, role, user.password + "x")

        @rule(data=st.data(), session=session_ids, name=names, role=roles, password=passwords)
        def login_any(self, data, session, name, role, password):
            session = self.free_session(data, session)
            self.check(session, "login " + identity(name, role) + " " + option("--password", password),
                       "login", name, role, password)

        @rule(session=session_ids)
        def logout(self, session):
            self.check(session, "logout", "logout")

        @precondition(lambda self: bool(self.model.logins))
        @rule(data=st.data())
        def end_of_input(self, data):
            """End a logged-in session's input (HSM-LOGOUT-003); its next command starts a new
            session process. (Ending a session that is not logged in changes nothing.)"""
            session = data.draw(st.sampled_from(sorted(self.model.logins)), label="session")
            run.tick()
            self.cluster.end_session(session)
            self.model.end_session(session)

        @rule(data=st.data(), session=session_ids, role=roles, password=passwords)
        def user_create(self, data, session, role, password):
            if data.draw(st.integers(0, 3), label="existing name?") == 0:
                name, _ = self.existing(data)
            else:
                name = data.draw(names, label="new name")
            line = "user create " + identity(name, role) + " " + option("--password", password)
            self.check(session, line, "create", name, role, password)

        @rule(data=st.data(), session=session_ids)
        def user_delete(self, data, session):
            if data.draw(st.integers(0, 4), label="existing user?") > 0:
                name, role = self.existing(data)
            else:
                name, role = data.draw(names, label="name"), data.draw(roles, label="role")
            self.check(session, "user delete " + identity(name, role), "delete", name, role)

        @rule(session=session_ids)
        def user_list(self, session):
            self.check(session, "user list", "list")

        @rule(data=st.data(), session=session_ids, password=passwords)
        def user_change_password(self, data, session, password):
            own = self.model.caller(session)
            pick = data.draw(st.integers(0, 9), label="target")
            if own is not None and pick < 5:
                name, role = own.name, selectable_role(own.role)
            elif pick < 9:
                name, role = self.existing(data)
            else:
                name, role = data.draw(names, label="name"), data.draw(roles, label="role")
            line = ("user change-password " + identity(name, role) + " "
                    + option("--password", password))
            self.check(session, line, "change_password", name, role, password)

    return HsmUsers


# --------------------------------------------------------------------------------------------
# Main.
# --------------------------------------------------------------------------------------------


def default_harness() -> str:
    return str(Path(__file__).resolve().parent.parent / ".build" / "release" / "harness")


def main() -> int:
    global RUN
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--harness", default=default_harness(), help="the harness executable")
    parser.add_argument("--mutant", default=None, help="serve this mutant (--list-mutants)")
    parser.add_argument("--steps", type=int, default=None, help="stop after N commands")
    parser.add_argument("--max-seconds", type=float, default=None, help="stop after S seconds")
    parser.add_argument("--seed", type=int, default=None, help="Hypothesis seed")
    parser.add_argument("--sessions", type=int, default=3, choices=[2, 3],
                        help="sessions per test case (default 3, as harness explore)")
    parser.add_argument("--step-count", type=int, default=200,
                        help="stateful_step_count: most rules per test case (default: 200, "
                             "as harness explore --length)")
    parser.add_argument("--shrink-seconds", type=float, default=None,
                        help="at most this long shrinking after the first failure "
                             "(default: until --max-seconds)")
    args = parser.parse_args()
    if args.steps is None and args.max_seconds is None:
        args.steps = 10_000
    if not os.access(args.harness, os.X_OK):
        parser.error(f"{args.harness} is not an executable (build it: swift build -c release)")
    seed_value = args.seed if args.seed is not None else int(time.time() * 1000) % (2 ** 32)

    run = RUN = Run(args.harness, args.mutant, args.steps, args.max_seconds,
                    args.shrink_seconds, args.sessions)
    atexit.register(run.cleanup)

    def on_signal(signum, _frame):
        run.stop(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    machine = hypothesis_seed(seed_value)(make_machine(run))
    hypothesis_settings = settings(
        max_examples=10_000_000, stateful_step_count=args.step_count, deadline=None,
        suppress_health_check=list(HealthCheck), database=None, print_blob=False)
    print(f"hypothesis_peer: hypothesis {hypothesis.__version__}, seed {seed_value}, "
          f"mutant {args.mutant}, {args.sessions} sessions", file=sys.stderr)
    error = None
    outcome: BaseException | None = None
    run.start = time.monotonic()
    try:
        with contextlib.redirect_stdout(sys.stderr):
            run_state_machine_as_test(machine, settings=hypothesis_settings)
    except BaseException as raised:  # noqa: BLE001 - classified below, never hidden
        outcome = raised
    finally:
        seconds = run.elapsed()
        run.cleanup()
    # Hypothesis may wrap or replace the exception that stopped it (for example a flakiness
    # report when a run is cut short), so the run's own flags decide what happened.
    if run.session_error is not None:
        error = run.session_error
    elif run.stop_reason is not None:
        pass
    elif outcome is not None and run.first_failure is not None:
        shrunk = "".join(traceback.format_exception_only(outcome)).rstrip()
        print(f"hypothesis_peer: Hypothesis's shrunk failure:\n{shrunk}", file=sys.stderr)
    elif outcome is not None:
        error = f"{type(outcome).__name__}: {outcome}"
    stopped = run.stop_reason
    print(f"hypothesis_peer: {run.steps} steps in {run.test_cases} test cases, "
          f"{run.accepted} commands accepted", file=sys.stderr)
    if run.first_failure is not None:
        print(f"hypothesis_peer: first divergence after {run.first_failure_steps} steps "
              f"({run.first_failure:.2f} s):\n{run.first_failure_text}", file=sys.stderr)
    elif stopped:
        print(f"hypothesis_peer: stopped ({stopped}), no divergence", file=sys.stderr)
    result = {
        "tool": "hypothesis",
        "mutant": args.mutant,
        "steps": run.steps,
        "seconds": round(seconds, 3),
        "steps_per_second": round(run.steps / max(seconds, 1e-9), 1),
        "killed": run.first_failure is not None,
        "time_to_kill": None if run.first_failure is None else round(run.first_failure, 3),
    }
    if error is not None:
        result["error"] = error
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()
    return 0 if error is None else 3


if __name__ == "__main__":
    sys.exit(main())
