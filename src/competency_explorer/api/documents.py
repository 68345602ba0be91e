"""Parsing and validation done once per document text, behind the document limits.

Front ends send the same few documents again and again, with different
variables. Parsing one and running the validation rules over it took about
0.6 ms of a 2.4 ms role lookup; both results depend on the text alone, so
they are kept (bounded LRU) and reused.

A parsed document is big: about 600 bytes a token (measured with tracemalloc:
1.2 MB for a document of 2,000 tokens, its token list included), so 512
documents at the token limit would hold 600 MB. The cache is bounded by the
tokens of the documents it keeps (``MAX_TOKENS``, about 30 MB), not only by
their number, and a document's validation outcome lives and goes with it. A
text of more than 16 KiB in memory is not kept at all.

The limits that guard validation (api/limits.py: fields, repeats, unnamed
operations, the cost, which depends on the variables too) are extensions that
run in ``on_validate`` before the cache below, on every request: a refused
document is never validated, so no outcome is kept for it, and sending it
again meets the same refusal. Operations run in worker threads, so the cache
takes a lock around its bookkeeping (never around parsing or validating).
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse
from graphql.validation import ASTValidationRule
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

#: Documents kept parsed, at most, per process.
MAX_DOCUMENTS = 512
#: Tokens of the documents kept parsed, all together (about 30 MB).
MAX_TOKENS = 50_000
#: A document whose text takes more memory than this is not kept: its text
#: is the key (a text with one emoji takes 4 bytes a character).
MAX_TEXT_BYTES = 16 * 1024

Rules = tuple[type[ASTValidationRule], ...]
Key = tuple[str, tuple[tuple[str, Any], ...]]


class _Entry:
    """One document text: parsed, weighed in tokens, validated per rule set."""

    __slots__ = ("document", "tokens", "validated")

    def __init__(self, document: DocumentNode, tokens: int) -> None:
        self.document = document
        self.tokens = tokens
        self.validated: dict[tuple[GraphQLSchema, Rules], list[GraphQLError]] = {}


def token_count(document: DocumentNode) -> int:
    """The tokens of a parsed document (its start and end included)."""
    count = 0
    token = document.loc.start_token if document.loc is not None else None
    while token is not None:
        count += 1
        token = token.next
    return count


class DocumentCache:
    """Parsed documents and their validation outcomes, bounded in number and
    in tokens; the least recently used go first."""

    def __init__(
        self, *, max_documents: int = MAX_DOCUMENTS, max_tokens: int = MAX_TOKENS
    ) -> None:
        self.max_documents = max_documents
        self.max_tokens = max_tokens
        self.tokens = 0
        self.hits = 0
        self.misses = 0
        self.validations = 0
        self._entries: OrderedDict[Key, _Entry] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def parsed(self, query: str, options: Mapping[str, Any]) -> DocumentNode:
        """``query`` parsed with ``options``; a syntax error is raised, never kept."""
        key = (query, tuple(sorted(options.items())))
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                return entry.document
            self.misses += 1
        document = parse(query, **options)
        self._keep(key, _Entry(document, token_count(document)))
        return document

    def validated(
        self,
        schema: GraphQLSchema,
        query: str,
        options: Mapping[str, Any],
        document: DocumentNode,
        rules: Rules,
    ) -> list[GraphQLError]:
        """The validation errors of ``document`` (parsed from ``query``)."""
        key = (query, tuple(sorted(options.items())))
        with self._lock:
            entry = self._entries.get(key)
            found = None if entry is None else entry.validated.get((schema, rules))
        if found is not None:
            return found
        self.validations += 1
        errors = validate_document(schema, document, rules)
        if entry is not None and entry.document is document:
            with self._lock:
                entry.validated[(schema, rules)] = errors
        return errors

    def _keep(self, key: Key, entry: _Entry) -> None:
        if entry.tokens > self.max_tokens or sys.getsizeof(key[0]) > MAX_TEXT_BYTES:
            return
        with self._lock:
            if key in self._entries:
                return  # another thread parsed the same text meanwhile
            self._entries[key] = entry
            self.tokens += entry.tokens
            while (
                len(self._entries) > self.max_documents or self.tokens > self.max_tokens
            ):
                _, old = self._entries.popitem(last=False)
                self.tokens -= old.tokens

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self.tokens = self.hits = self.misses = self.validations = 0


#: One cache per process: the documents do not depend on the served framework.
documents = DocumentCache()


class ParsedDocuments(SchemaExtension):
    """Parses a document once per text and parse options (the token limit
    among them, so a too-long document is refused every time)."""

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query:  # no query at all: strawberry says so itself
            context.graphql_document = documents.parsed(
                context.query, context.parse_options
            )
        yield


class ValidationCache(SchemaExtension):
    """Validates a document once per text and rule set; the limits still run.

    Unlike strawberry's own ``ValidationCache``, it leaves an operation that
    an earlier extension already refused alone: it neither validates it nor
    overwrites the refusal. It must come after the limit extensions.
    """

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if (
            document is not None
            and context.pre_execution_errors is None
            and context.query is not None
            and context.validation_rules
        ):
            # A copy: the cached list is shared by every request with this text.
            context.pre_execution_errors = list(
                documents.validated(
                    context.schema._schema,
                    context.query,
                    context.parse_options,
                    document,
                    tuple(context.validation_rules),
                )
            )
        yield
