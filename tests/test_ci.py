"""CI as a newcomer meets it: ``.ci/run`` on a bare machine (with stand-ins for apt, python3 and Chromium),
the README's test command, the pins in constraints.txt, and the browser guard."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.e2e import conftest as e2e

ROOT = Path(__file__).resolve().parent.parent
BASH = shutil.which("bash")
TOOLS = ("bash", "timeout", "readlink", "dirname", "basename", "id", "grep", "mkdir", "cp", "sleep")
LOG = 'echo "$(basename "$0") $*" >> "$CI_LOG"'


# After the README's command, CI runs the slow suites: those that only compute on every core, then the rest alone.
SLOW_RUNS = [
    '.venv/bin/python -m pytest -m "slow and not (e2e or soak or ray)" -n auto --maxprocesses 4',
    '.venv/bin/python -m pytest -m "slow and (e2e or soak or ray)"',
]


def readme_test_command() -> str:
    """The one-line test command of the README's quick start."""
    lines = (ROOT / "README.md").read_text("utf-8").splitlines()
    return next(line for line in lines if line.startswith("python3 -m venv") and "pytest" in line)


def requirements(name: str) -> list[Requirement]:
    lines = (ROOT / name).read_text("utf-8").splitlines()
    return [Requirement(line.split("#")[0]) for line in lines if line.split("#")[0].strip() and line[0] not in "-#"]


def test_ci_runs_the_readmes_test_command_verbatim_then_the_slow_suites() -> None:
    command = readme_test_command()
    assert "-c constraints.txt" in command and command.endswith('pytest -m "not slow" -n auto --maxprocesses 4')
    lines = (ROOT / ".ci" / "run").read_text("utf-8").rstrip().splitlines()
    assert lines[-3:] == [command, *SLOW_RUNS]


def test_constraints_pin_every_requirement_inside_its_range() -> None:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[canonicalize_name(name)] = version
    ray = requirements("requirements-ray.txt")  # the optional extra, which the dev requirements include
    assert "-r requirements-ray.txt" in (ROOT / "requirements-dev.txt").read_text("utf-8").splitlines()
    assert "ray" not in {canonicalize_name(r.name) for r in requirements("requirements.txt")}
    for requirement in requirements("requirements.txt") + requirements("requirements-dev.txt") + ray:
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not pinned in constraints.txt"
        assert requirement.specifier.contains(pins[name]), f"{name}=={pins[name]} is outside {requirement}"


def write_stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!{BASH}\n{LOG}\n{body}\nexit 0\n")
    path.chmod(0o755)


def bare_machine(tmp_path: Path, *, chromium: str) -> tuple[Path, dict[str, str]]:
    """A copy of .ci/run in an empty repo, on a PATH whose python3, apt-get, dpkg-query and sudo are logging
    stand-ins: python3 has no ensurepip, no font is installed. ``chromium``: "installed", "apt" (apt-get
    installs it) or "none" (only Playwright's download works, as on Ubuntu)."""
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", repo / ".ci" / "run")
    stubs, venv = tmp_path / "bin", tmp_path / "venv-bin"
    stubs.mkdir()
    venv.mkdir()
    for tool in TOOLS:
        (stubs / tool).symlink_to(shutil.which(tool))
    write_stub(venv, "pip", "")
    seen = 'printf "DLP_CHROMIUM=%s\\nDLP_REQUIRE_BROWSER=%s\\n" "$DLP_CHROMIUM" "$DLP_REQUIRE_BROWSER" > "$CI_ENV"'
    write_stub(venv, "python", f'[ "$1" = -c ] && echo /opt/ms-playwright/chrome\n[ "$2" = pytest ] && {seen}')
    write_stub(stubs, "python3", f'[ "$1" = -c ] && exit 1\nmkdir -p .venv/bin && cp "{venv}"/* .venv/bin/')
    write_stub(stubs, "dpkg-query", "exit 1")
    apt_chromium = f'cp "{stubs}/chromium-template" "{stubs}/chromium"' if chromium == "apt" else ":"
    write_stub(stubs, "apt-get", f'case "$*" in *" chromium") {apt_chromium};; esac')
    write_stub(stubs, "sudo", 'while [ "${1#-}" != "$1" ]; do shift; done; exec "$@"')
    write_stub(stubs, "chromium" if chromium == "installed" else "chromium-template", "echo Chromium 1")
    env = {"PATH": str(stubs), "CI_LOG": str(tmp_path / "log"), "CI_ENV": str(tmp_path / "env"), "HOME": str(tmp_path)}
    return repo, env


@pytest.mark.skipif(BASH is None or any(shutil.which(t) is None for t in TOOLS), reason="needs bash and coreutils")
@pytest.mark.parametrize("chromium", ["installed", "apt", "none"])
def test_ci_on_a_bare_machine_installs_venv_font_and_browser_then_runs_the_tests(tmp_path: Path, chromium: str) -> None:
    repo, env = bare_machine(tmp_path, chromium=chromium)
    done = subprocess.run([BASH, ".ci/run"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "log").read_text().splitlines()
    apt = [line for line in log if line.startswith("apt-get")]
    wanted = ["python3-venv", "fonts-wqy-microhei", "nginx"] + ([] if chromium == "installed" else ["chromium"])
    assert apt == ["apt-get update -qq"] + [f"apt-get install -y -qq --no-install-recommends {p}" for p in wanted]
    install = "pip install -c constraints.txt -r requirements-dev.txt"
    if chromium == "none":
        path = "/opt/ms-playwright/chrome"
        playwright = [line for line in log if "-m playwright" in line]
        assert playwright == ["python -m playwright install-deps chromium", "python -m playwright install chromium"]
        assert log.index(install) < log.index(playwright[0])  # Playwright comes with the test tools
    else:
        path = os.path.realpath(tmp_path / "bin" / "chromium")
    assert f"CI: browser tests use {path}" in done.stdout
    # the README's command, then the slow suites, last
    readme = "python -m pytest -m not slow -n auto --maxprocesses 4"
    slow = [run.replace(".venv/bin/", "").replace('"', "") for run in SLOW_RUNS]
    assert log[-5:] == ["python3 -m venv .venv", install, readme, *slow]
    assert (tmp_path / "env").read_text().splitlines() == [f"DLP_CHROMIUM={path}", "DLP_REQUIRE_BROWSER=1"]


@pytest.mark.skipif(BASH is None or any(shutil.which(t) is None for t in TOOLS), reason="needs bash and coreutils")
def test_ci_stops_a_run_that_outlives_its_time_limit(tmp_path: Path) -> None:
    repo, env = bare_machine(tmp_path, chromium="installed")
    (tmp_path / "bin" / "python3").unlink()
    write_stub(tmp_path / "bin", "python3", "exec sleep 30")
    env["DLP_CI_TIMEOUT"] = "1s"
    done = subprocess.run([BASH, ".ci/run"], cwd=repo, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 124 and "stopped after 1s" in done.stderr


def test_a_missing_browser_fails_when_required_and_skips_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DLP_CHROMIUM", "/nonexistent/chromium")
    reason = e2e._missing_browser()
    assert reason and "/nonexistent/chromium" in reason
    monkeypatch.setenv("DLP_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception, match="DLP_REQUIRE_BROWSER=1"):
        e2e._skip_or_fail(reason)
    monkeypatch.delenv("DLP_REQUIRE_BROWSER")
    with pytest.raises(pytest.skip.Exception):
        e2e._skip_or_fail(reason)


def test_the_browser_is_the_one_ci_checked(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    browser = tmp_path / "my-chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    monkeypatch.setenv("DLP_CHROMIUM", str(browser))
    assert e2e.chromium() == str(browser) and os.access(e2e.chromium(), os.X_OK)
    assert e2e._missing_browser() in (None, "Playwright for Python is not installed")
    monkeypatch.delenv("DLP_CHROMIUM")
    assert e2e.chromium() == "/usr/bin/chromium"
