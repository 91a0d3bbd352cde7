"""The command line itself: subcommands, help in the reader's language, argparse's own words.

Each command module registers its subcommand with :func:`command`; help texts
come from the message catalogue, so ``--lang zh`` (or a Chinese locale) gives
Chinese help, and argparse's own words (usage, its errors) are given in
Chinese too.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from mofan_rules.messages import say

Handler = Callable[[argparse.Namespace], int]

# argparse's own words, and how they read in Chinese.
_ARGPARSE_ZH: tuple[tuple[str, str], ...] = (
    (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
    (
        r"^argument (\S+): invalid choice: (.*) \(choose from (.*)\)$",
        r"参数 \1：无效的选项 \2（可选：\3）",
    ),
    (r"^argument (\S+): invalid (\w+) value: (.*)$", r"参数 \1：无效的值 \3"),
    (r"^argument (\S+): expected one argument$", r"参数 \1：需要一个值"),
    (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
    (r"^argument (\S+): not allowed with argument (\S+)$", r"参数 \1 不能与参数 \2 同时使用"),
    (r"^invalid choice: (.*)$", r"无效的选项：\1"),
)
_HEADINGS_ZH = {
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "commands": "命令",
}


def _zh_error(message: str) -> str:
    for pattern, replacement in _ARGPARSE_ZH:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class _Formatter(argparse.RawDescriptionHelpFormatter):
    lang = "en"

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None and self.lang == "zh":
            prefix = "用法："
        super().add_usage(usage, actions, groups, prefix)

    def start_section(self, heading: str | None) -> None:
        if self.lang == "zh" and heading in _HEADINGS_ZH:
            heading = _HEADINGS_ZH[heading]
        super().start_section(heading)


class Parser(argparse.ArgumentParser):
    """argparse, speaking the reader's language in its errors."""

    lang = "en"

    def error(self, message: str) -> NoReturn:
        if self.lang == "zh":
            message = _zh_error(message)
            self.print_usage(sys.stderr)
            self.exit(2, f"{self.prog}：错误：{message}\n")
        super().error(message)


def _formatter(lang: str) -> type[_Formatter]:
    return type("Formatter", (_Formatter,), {"lang": lang})


class App:
    """The parser being built: a common set of options and the subcommands."""

    def __init__(self, lang: str, version: str) -> None:
        self.lang = lang
        formatter = _formatter(lang)
        Parser.lang = lang
        # The common options are accepted before and after the subcommand; a
        # subcommand's own default must not undo what was given before it.
        self.common = Parser(add_help=False)
        self.common.add_argument(
            "--lang", choices=("en", "zh"), default=argparse.SUPPRESS, help=self.words("help_lang")
        )
        self.common.add_argument(
            "--debug", action="store_true", default=argparse.SUPPRESS, help=self.words("help_debug")
        )
        self.parser = Parser(
            prog="mofan-rules",
            description=self.words("help_prog"),
            epilog=self.words("help_epilog"),
            formatter_class=formatter,
            add_help=False,
            parents=[self.common],
        )
        self.parser.add_argument("-h", "--help", action="help", help=self.words("help_help"))
        self.parser.add_argument(
            "--version",
            action="version",
            version=f"mofan-rules {version}",
            help=self.words("help_version"),
        )
        self.sub = self.parser.add_subparsers(
            dest="command", required=True, metavar="COMMAND", title=self.words("help_commands")
        )
        self.formatter = formatter

    def words(self, code: str, **params: Any) -> str:
        """A catalogue text in this command line's language (``%`` doubled for argparse)."""
        return say(code, **params).text(self.lang).replace("%", "%%")

    def command(self, name: str, help_code: str, handler: Handler) -> argparse.ArgumentParser:
        """Add a subcommand whose help is the catalogue entry ``help_code``."""
        parser = self.sub.add_parser(
            name,
            help=self.words(help_code),
            description=self.words(help_code),
            parents=[self.common],
            epilog=self.words("help_epilog"),
            formatter_class=self.formatter,
            add_help=False,
        )
        parser.add_argument("-h", "--help", action="help", help=self.words("help_help"))
        parser.set_defaults(handler=handler)
        return parser


def choose_lang(argv: Sequence[str], default: str) -> str:
    """The language asked for on the command line (``--lang zh``), else ``default``."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in ("en", "zh") else default
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in ("en", "zh") else default
    return default


__all__ = ["App", "Handler", "Parser", "choose_lang"]
