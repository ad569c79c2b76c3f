"""`python -m analysis …`: the command line, or one line saying how to reach it when the
interpreter running it is not the project's environment (no pandas, no click)."""

import importlib.util
import sys

NEEDED = ("click", "numpy", "pandas", "pyarrow", "yaml")
HINT = (
    "python -m analysis needs the project's environment ({missing} not installed here): "
    "run `.venv/bin/python -m analysis {args}` (or `make venv` first to create .venv)."
)


def _hint(missing: str) -> int:
    print(
        HINT.format(missing=missing, args=" ".join(sys.argv[1:]) or "--help").rstrip(),
        file=sys.stderr,
    )
    return 2


def run() -> int:
    missing = [name for name in NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        return _hint(", ".join(missing))
    try:
        from analysis.cli import main
    except ModuleNotFoundError as err:
        return _hint(err.name or str(err))
    main(prog_name="python -m analysis")
    return 0


if __name__ == "__main__":
    sys.exit(run())
