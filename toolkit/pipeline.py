"""From the bytes of one document to one validated Article: the pure core of the toolkit.

read (RawDocument) -> decode -> sniff -> parse (text | front matter | HTML | Article JSON)
-> languages -> assemble -> validate. No file is read or written here; the readers and
writers around it do that, so the same core runs in one process or in a pool.
"""

from __future__ import annotations

import codecs
import hashlib
import json
from dataclasses import dataclass, field, replace

from . import sniff as formats
from .article import Article, Block, Extraction, Metadata, Source, Warning
from .config import Config
from .article_check import is_valid_fast, quick_check
from .deadline import deadline
from .decode import decode
from .errors import InputError, RejectedError
from .structure import structure_text
from .textclean import clean_text, looks_bad

__all__ = ["RawDocument", "normalize", "normalize_document", "article_id", "warm_up"]

ARTICLE_SCHEMA = "article"
_UTF16_32_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)


@dataclass(frozen=True)
class RawDocument:
    """One input as read: its bytes and what the reader knew about it."""

    data: bytes
    name: str  # how messages name it: a path, ``path:line 3``, ``crawl.warc.gz@1234``
    path: str | None = None
    url: str | None = None
    http_charset: str | None = None
    record: str | None = None
    meta: Metadata = field(default_factory=Metadata)  # metadata the container carried (JSONL fields)
    format_hint: str | None = None  # "html" or "text" when the container says so
    sha256: str | None = None  # of ``data``, when the reader already computed it


def normalize(data: bytes | str, *, url: str | None = None, path: str | None = None, config: Config | None = None) -> Article:
    """Turn one scraped document (bytes or text) into a validated :class:`Article`.

    Raises :class:`~toolkit.errors.InputError` (one line naming the input) when it cannot.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    name = path or url or "<input>"
    return normalize_document(RawDocument(raw, name, path=path, url=url), config or Config())


def normalize_document(doc: RawDocument, config: Config) -> Article:
    """The whole core for one :class:`RawDocument`, within the per-document time limit."""
    with deadline(config.limits.seconds, doc.name):
        return _normalize_document(doc, config)


def _normalize_document(doc: RawDocument, config: Config) -> Article:
    _check_bytes(doc, config)
    fmt, text, encoding, decode_warnings = _decode(doc)
    if fmt == formats.ARTICLE:
        return _republish(text, doc)
    extraction = _with_container_meta(_parse(fmt, text, doc, config), doc.meta)
    extraction = replace(extraction, warnings=tuple(decode_warnings) + extraction.warnings)
    sha256 = doc.sha256 or hashlib.sha256(doc.data).hexdigest()
    source = Source(doc.path, fmt, encoding, sha256, doc.url, doc.record)
    return validated(assemble(extraction, source, doc, config), doc.name)


def _check_bytes(doc: RawDocument, config: Config) -> None:
    if len(doc.data) > config.limits.max_bytes:
        raise InputError(f"{doc.name}: {len(doc.data)} bytes, more than the limit of {config.limits.max_bytes}")
    if not doc.data.strip():
        raise RejectedError(f"{doc.name}: empty input")
    if looks_binary(doc.data[:8192]):
        raise InputError(f"{doc.name}: binary content (control bytes), not a text or HTML document")


_BINARY_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
_BINARY_SHARE = 0.05


def looks_binary(head: bytes) -> bool:
    """More than 5 % control bytes (NUL and friends) in the first bytes, and no UTF-16/32 BOM."""
    if not head or head.startswith(_UTF16_32_BOMS):
        return False
    controls = len(head) - len(head.translate(None, _BINARY_BYTES))
    return controls / len(head) > _BINARY_SHARE


def _head(data: bytes) -> str:
    for bom in _UTF16_32_BOMS:
        if data.startswith(bom):
            return data[:8192].decode("utf-16" if len(bom) == 2 else "utf-32", errors="ignore")
    return data[:8192].decode("latin-1")


def _decode(doc: RawDocument) -> tuple[str, str, str, tuple[Warning, ...]]:
    is_html = doc.format_hint == formats.HTML or (doc.format_hint is None and formats.looks_like_html(_head(doc.data)))
    decoded = decode(doc.data, http_charset=doc.http_charset, html=is_html)
    if is_html:
        return formats.HTML, decoded.text, decoded.encoding, decoded.warnings
    text = decoded.text.lstrip("\ufeff")
    fmt = formats.sniff(text) if doc.format_hint is None else formats.TEXT
    return fmt, text, decoded.encoding, decoded.warnings


def _parse(fmt: str, text: str, doc: RawDocument, config: Config) -> Extraction:
    if fmt == formats.HTML:
        from .extract import extract_html

        return extract_html(text, url=doc.url, config=config)
    if fmt == formats.MARKDOWN:
        from .frontmatter import parse_front_matter_document

        return parse_front_matter_document(text, name=doc.name)
    return parse_plain_text(text)


def parse_plain_text(text: str) -> Extraction:
    """A plain-text scrape: clean it, drop boilerplate lines, find the title and the structure."""
    result = structure_text(clean_text(text), find_title=True)
    return Extraction(result.blocks, Metadata(title=result.title), result.removed, result.warnings)


def _with_container_meta(extraction: Extraction, meta: Metadata) -> Extraction:
    """Fill what the parser did not find from what the container (JSONL, WARC) said."""
    found = extraction.meta
    merged = replace(
        found,
        title=found.title or meta.title,
        url=found.url or meta.url,
        date_published=found.date_published or meta.date_published,
        lang_hint=found.lang_hint or meta.lang_hint,
        extra={**meta.extra, **found.extra},
    )
    return replace(extraction, meta=merged)


def assemble(extraction: Extraction, source: Source, doc: RawDocument, config: Config) -> Article:
    """Language detection and the final Article (text, id, removed, warnings)."""
    from .language import annotate

    meta = extraction.meta
    blocks = _drop_title_block(extraction.blocks, meta.title)
    if not blocks and not meta.title:
        raise RejectedError(f"{doc.name}: no content left after cleaning")
    languages = annotate(blocks, hint=meta.lang_hint, config=config)
    url = meta.url or doc.url
    warnings = list(extraction.warnings)
    if not blocks:
        warnings.append(Warning("empty-body", "the document has a title but no body text"))
    return Article(
        id=meta.id or article_id(url, doc.data),
        source=source,
        url=url,
        title=meta.title,
        description=meta.description,
        date_published=meta.date_published,
        date_modified=meta.date_modified,
        authors=meta.authors,
        site_name=meta.site_name,
        keywords=meta.keywords,
        categories=meta.categories,
        language=languages.language,
        languages=languages.languages,
        blocks=languages.blocks,
        text="\n\n".join(t for t in (b.plain_text() for b in languages.blocks) if t),
        related=meta.related,
        removed=extraction.removed,
        extra=meta.extra,
        warnings=tuple(warnings),
    )


def _drop_title_block(blocks: tuple[Block, ...], title: str | None) -> tuple[Block, ...]:
    """The title is the Article's ``title``; first headings that repeat it are not body text.

    All of them, not only the first: a heading left behind would be dropped as the title when
    the published Markdown is read again, and republishing would not give the same blocks.
    """
    if not title:
        return blocks
    key = title.casefold()
    start = 0
    while start < len(blocks) and blocks[start].type == "heading" and blocks[start].text.casefold() == key:
        start += 1
    return blocks[start:]


def article_id(url: str | None, data: bytes) -> str:
    """Stable id: from the canonical URL when known (same page, same id), else from the raw bytes."""
    basis = url.encode("utf-8") if url else data
    return hashlib.sha256(basis).hexdigest()[:16]


def validated(article: Article, name: str) -> Article:
    """The Article if it matches ``schemas/article.schema.json``; a rejection with the validator's message if not.

    The compiled validator answers yes/no fast; jsonschema explains a "no". ``extra`` is the
    only field holding input values as they came, so it alone is checked for what JSON
    cannot carry (NaN, infinities); the Article is serialized once, by its writer.
    """
    try:
        json.dumps(article.extra, allow_nan=False)
    except (ValueError, TypeError) as exc:
        raise RejectedError(f"{name}: the Article cannot be written as JSON: {exc}") from None
    problem = article_problem(article.to_dict())
    if problem:
        raise RejectedError(f"{name}: the Article does not match the schema: {problem}")
    return article


def article_problem(data: object) -> str | None:
    """``None`` for a valid Article; else jsonschema's explanation (asked only on failure)."""
    if is_valid_fast(data, ARTICLE_SCHEMA):
        return None
    from .schema_store import first_error

    return first_error(data, ARTICLE_SCHEMA) or "rejected by the compiled schema"


def _republish(text: str, doc: RawDocument) -> Article:
    """Published Article JSON: validated and read back unchanged, so republishing is idempotent."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InputError(f"{doc.name}: invalid JSON: {exc}") from None
    problem = article_problem(data)
    if problem:
        raise RejectedError(f"{doc.name}: not a valid Article: {problem}")
    return Article.from_dict(data)


def warm_up(config: Config) -> None:
    """Load everything the core loads lazily (parsers, language tables, compiled schema).

    Called by a batch run before it forks its worker processes, so that the workers
    inherit the loaded tables instead of each paying for them again.
    """
    from .extract import extract_html
    from .language import detect_text

    extract_html("<html><body><p>warm up</p></body></html>", url=None, config=config)
    detect_text("Warm up the language tables. Прогрев. 预热。", config=config)
    quick_check(ARTICLE_SCHEMA)  # fastjsonschema itself compiles only if an Article needs it
    structure_text("warm up")
    looks_bad("warm up")  # reads ftfy's badness expression once
    if "md" in config.formats:
        from . import markdown  # noqa: F401 - PyYAML and the renderer, imported once instead of in every worker
