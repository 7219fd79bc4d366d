"""Output formats for ``toolkit validate``: a registry of reporters, one class each.

A reporter gets each :class:`FileReport` as it is produced (``file``) and the totals at
the end (``finish``). ``text`` and ``github`` stream; ``json`` and ``junit`` write one
document at the end. Data goes to ``out`` (stdout); ``-v`` notes go to ``err`` (stderr).
"""

from __future__ import annotations

import json
import types
from dataclasses import dataclass
from typing import Callable, Protocol, TextIO

from .checker import FileReport, Issue

JSON_FORMAT_VERSION = 1


@dataclass
class Summary:
    """Totals over a run."""

    files: int = 0
    documents: int = 0
    invalid_files: int = 0
    errors: int = 0
    skipped: int = 0

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.documents += report.documents
        self.errors += len(report.issues)
        self.invalid_files += not report.valid
        self.skipped += report.skipped is not None and report.valid

    def line(self) -> str:
        checked = f"{self.files} file{'s' * (self.files != 1)} ({self.documents} document{'s' * (self.documents != 1)})"
        skipped = f", {self.skipped} skipped" if self.skipped else ""
        if not self.errors:
            return f"checked {checked}: all valid{skipped}"
        return f"checked {checked}: {self.errors} error{'s' * (self.errors != 1)} in {self.invalid_files} file{'s' * (self.invalid_files != 1)}{skipped}"


class Reporter(Protocol):
    def file(self, report: FileReport) -> None: ...

    def finish(self, summary: Summary) -> None: ...


def text_line(file: str, issue: Issue) -> str:
    """``posts/a.md:7:8: error: message [$.path]``."""
    return f"{file}:{issue.line}:{issue.column}: error: {issue.message} [{issue.path}]"


class TextReporter:
    """One line per error, a summary last; ``-v`` also names valid and skipped files on stderr."""

    def __init__(self, out: TextIO, err: TextIO, verbosity: int) -> None:
        self.out, self.err, self.verbosity = out, err, verbosity

    def file(self, report: FileReport) -> None:
        for issue in report.issues:
            print(text_line(report.file, issue), file=self.out)
            if self.verbosity > 0:
                for other in (o for o in issue.alternatives if o not in issue.message):
                    print(f"    other alternative: {other}", file=self.out)
        if self.verbosity > 0 and report.valid:
            what = f"skipped: {report.skipped}" if report.skipped else f"ok ({', '.join(report.schemas)})"
            print(f"{report.file}: {what}", file=self.err)

    def finish(self, summary: Summary) -> None:
        if self.verbosity >= 0:
            print(summary.line(), file=self.out)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(TextReporter):
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…::message [path]``."""

    def file(self, report: FileReport) -> None:
        for issue in report.issues:
            where = f"file={_escape_property(report.file)},line={issue.line},col={issue.column}"
            print(f"::error {where}::{_escape_data(f'{issue.message} [{issue.path}]')}", file=self.out)


def _issue_dict(issue: Issue) -> dict[str, object]:
    return {
        "line": issue.line,
        "column": issue.column,
        "path": issue.path,
        "message": issue.message,
        "kind": issue.kind,
        "document": issue.document,
        "keyword": issue.keyword,
        "schema": issue.schema,
        "alternatives": list(issue.alternatives),
    }


class JsonReporter:
    """One JSON object: ``{"version", "valid", "summary", "files": [{"file", "valid", "errors", ...}]}``."""

    def __init__(self, out: TextIO, err: TextIO, verbosity: int) -> None:
        self.out = out
        self.files: list[dict[str, object]] = []

    def file(self, report: FileReport) -> None:
        self.files.append(
            {
                "file": report.file,
                "valid": report.valid,
                "documents": report.documents,
                "schemas": report.schemas,
                "skipped": report.skipped,
                "errors": [_issue_dict(issue) for issue in report.issues],
            }
        )

    def finish(self, summary: Summary) -> None:
        document = {
            "version": JSON_FORMAT_VERSION,
            "valid": summary.errors == 0,
            "summary": vars(summary),
            "files": self.files,
        }
        json.dump(document, self.out, ensure_ascii=False, sort_keys=True, indent=2)
        self.out.write("\n")


class JunitReporter:
    """JUnit XML: one ``testcase`` per file, a ``failure`` listing its errors, ``skipped`` when skipped."""

    def __init__(self, out: TextIO, err: TextIO, verbosity: int) -> None:
        import xml.etree.ElementTree as ET

        self.et, self.out = ET, out
        self.suite = ET.Element("testsuite", name="toolkit validate")

    def file(self, report: FileReport) -> None:
        case = self.et.SubElement(self.suite, "testcase", classname="toolkit.validate", name=report.file)
        if report.issues:
            lines = "\n".join(text_line(report.file, issue) for issue in report.issues)
            kind = "error" if any(issue.kind == "parse" for issue in report.issues) else "failure"
            failure = self.et.SubElement(case, kind, message=f"{len(report.issues)} error(s)", type=kind)
            failure.text = lines
        elif report.skipped:
            self.et.SubElement(case, "skipped", message=report.skipped)

    def finish(self, summary: Summary) -> None:
        cases = self.suite.findall("testcase")
        self.suite.set("tests", str(len(cases)))
        self.suite.set("failures", str(sum(1 for c in cases if c.find("failure") is not None)))
        self.suite.set("errors", str(sum(1 for c in cases if c.find("error") is not None)))
        self.suite.set("skipped", str(sum(1 for c in cases if c.find("skipped") is not None)))
        root = self.et.Element("testsuites")
        root.append(self.suite)
        self.et.indent(root)
        self.out.write('<?xml version="1.0" encoding="utf-8"?>\n')
        self.out.write(self.et.tostring(root, encoding="unicode"))
        self.out.write("\n")


ReporterFactory = Callable[[TextIO, TextIO, int], Reporter]

REPORTERS: types.MappingProxyType[str, ReporterFactory] = types.MappingProxyType(
    {"text": TextReporter, "json": JsonReporter, "github": GithubReporter, "junit": JunitReporter}
)


def make_reporter(name: str, out: TextIO, err: TextIO, verbosity: int) -> Reporter:
    """The reporter registered as ``name``."""
    return REPORTERS[name](out, err, verbosity)
