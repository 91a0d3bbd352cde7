"""The ``mofan-rules`` command: a thin layer over the library for office staff.

It parses arguments, calls the library and prints; no scoring happens here.
Bad input prints one located line per problem on stderr, never a traceback
(``--debug`` shows one). Each subcommand imports only what it needs, so the
command starts quickly. Messages, help and argparse's own words follow
``--lang`` or the locale.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from mofan_rules.cli._app import App
from mofan_rules.cli._common import EXIT_INPUT, EXIT_OK, EXIT_OUTPUT, EXIT_USAGE, default_lang, err

__all__ = ["EXIT_INPUT", "EXIT_OK", "EXIT_OUTPUT", "EXIT_USAGE", "build_app", "main"]


def build_app(lang: str) -> App:
    """The command line with every subcommand, its help in ``lang``."""
    from mofan_rules import __version__
    from mofan_rules.cli import _drafting_cmds, _rulebook_cmds, _score_cmds

    app = App(lang, __version__)
    _score_cmds.register(app)
    _rulebook_cmds.register(app)
    _drafting_cmds.register(app)
    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return its exit code."""
    from mofan_rules.cli._app import choose_lang
    from mofan_rules.errors import MofanRulesError

    arguments = list(sys.argv[1:] if argv is None else argv)
    lang = choose_lang(arguments, default_lang())
    args = build_app(lang).parser.parse_args(arguments)
    args.lang = getattr(args, "lang", None) or lang
    args.debug = getattr(args, "debug", False)
    try:
        return int(args.handler(args))
    except MofanRulesError as exc:
        if args.debug:
            raise
        for problem in exc.problems:
            err(problem.text(args.lang))
        return EXIT_INPUT
    except ModuleNotFoundError as exc:
        if args.debug:
            raise
        from mofan_rules.cli._common import tell

        tell(args, "mofan-rules", "missing_dependency", module=exc.name or "?")
        return EXIT_INPUT
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
