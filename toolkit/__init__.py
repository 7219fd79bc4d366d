"""toolkit: scraped pages in, clean validated Articles out.

The public API (see ``docs/api.md``), imported lazily so that ``import toolkit`` stays cheap::

    import toolkit

    article = toolkit.normalize("<html>...</html>", url="https://example.com/a")
    article.to_json(); article.to_markdown()
    report = toolkit.publish(["crawl.warc.gz"], "out", formats=("jsonl",), jobs=4)

Only :class:`ToolkitError` subclasses escape these functions.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Sequence

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .article import Article
    from .config import Config
    from .errors import InputError, ToolkitError, UsageError
    from .report import RunReport

#: lazily imported names -> the module that defines them
_LAZY = {
    "Article": "toolkit.article",
    "Config": "toolkit.config",
    "ToolkitError": "toolkit.errors",
    "InputError": "toolkit.errors",
    "UsageError": "toolkit.errors",
    "RunReport": "toolkit.report",
}

__all__ = ["normalize", "publish", "Article", "Config", "RunReport", "ToolkitError", "InputError", "UsageError",
           "__version__"]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


def normalize(data: bytes | str, *, url: str | None = None, path: str | None = None,
              config: "Config | None" = None) -> "Article":
    """One scraped document (HTML, plain text, Markdown with front matter, Article JSON) to a validated Article.

    ``url`` is the page's address (it fixes the Article ``id`` and resolves relative
    links); ``path`` only names the input in messages and in ``source.path``. Raises
    :class:`InputError` (one line naming the input) when the document cannot be published.
    """
    from .pipeline import normalize as _normalize

    return _normalize(data, url=url, path=path, config=config)


def publish(inputs: Sequence[str | Path] | str | Path, out: str | Path, *,
            formats: Sequence[str] | None = None, jobs: int | None = 1, resume: bool = False,
            config: "Config | None" = None, report: str | Path | None = None) -> "RunReport":
    """Publish files, folders, globs, JSON Lines and WARC files into the folder ``out`` (``"-"``: stdout).

    ``formats``: any of ``json``, ``md``, ``jsonl`` (default: the config's, ``json`` and
    ``md``). ``jobs``: worker processes (default 1 in the API; None: all cores). ``resume``:
    publish only what is missing or changed since the last run into ``out``. Returns the
    run report (also written to ``out/report.json``); bad documents are rejections in it,
    not exceptions. Raises :class:`UsageError` for a missing input or a wrong option.
    """
    from .config import Config
    from .batch import PublishOptions, publish as _publish

    config = config or Config()
    if formats is not None:
        config = config.replace(formats=tuple(formats))
    names = [str(inputs)] if isinstance(inputs, (str, Path)) else [str(i) for i in inputs]
    options = PublishOptions(jobs=jobs, resume=resume, report=Path(report) if report is not None else None)
    return _publish(names, out, config=config, options=options)
