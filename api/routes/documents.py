"""Upload one document and load it: the HTTP face of `coauthor-kg load`.

The upload is written to a private temporary folder (the loaders read files) and
removed afterwards; paths in the answer and in error messages name the uploaded file,
not the temporary folder. An upload is one document, its content only: whatever its
name (``manifest.toml`` included) it is sniffed or read in the given format, never
taken as a manifest naming other files on the server.

It is parsed completely before any lock is taken (a document that fails to parse never
touches the store), then resolved and written as one load (api/deps.py: reads go on
meanwhile, and see the graph before the document or after it).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, UploadFile

from api.deps import SettingsDep, StoreAccess, get_access, require_api_key
from api.routes.examples import responses
from api.schemas import LoadAnswer
from graph.corrections import Corrections
from graph.ingest import prepare_documents, write_documents
from graph.projection import refresh_after_load
from loaders.errors import CoauthorKGError
from loaders.registry import FORMATS, DocumentSpec, format_names, sniff_format

__all__ = ["MAX_UPLOAD_BYTES", "FormatName", "router"]

router = APIRouter(tags=["documents"])

MAX_UPLOAD_BYTES = 64 << 20
# the format table's names, an enum in OpenAPI
if TYPE_CHECKING:
    FormatName = str
else:
    FormatName = Literal[format_names()]
_FORMATS = "\n".join(f"- `{f.name}`: {f.description}" for f in FORMATS)
_UNSAFE = re.compile(r"[^\w.-]+")


def _safe_name(filename: str | None) -> str:
    name = _UNSAFE.sub("_", Path(filename or "").name).strip("._")[:100]
    return name or "upload"


def _scrub(value: Any, folder: str) -> Any:
    """The temporary folder out of every string (nested), so answers name the upload."""
    if isinstance(value, str):
        return value.replace(folder + "/", "")
    if isinstance(value, list):
        return [_scrub(v, folder) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, folder) for k, v in value.items()}
    return value


@router.post(
    "/documents",
    response_model=LoadAnswer,
    summary="Upload a document and load it (needs X-API-Key)",
    responses=responses("load", 400, 403, 413, 422),
    dependencies=[Depends(require_api_key)],
    max_body_size=MAX_UPLOAD_BYTES,
)
def upload_document(
    access: Annotated[StoreAccess, Depends(get_access)],
    settings: SettingsDep,
    file: Annotated[
        UploadFile,
        File(description="The document, in one of the formats `format` lists (64 MiB at most)."),
    ],
    format: Annotated[
        FormatName | None,
        Form(description=f"The format; sniffed from the content when omitted.\n\n{_FORMATS}"),
    ] = None,
    owner: Annotated[
        str | None,
        Form(max_length=200, description="Whose profile or CV this is (those formats)."),
    ] = None,
    captured: Annotated[
        dt.date | None,
        Form(description="The day the document was captured (dates without a year)."),
    ] = None,
    strict: Annotated[bool, Form(description="Fail at the first bad record.")] = False,
) -> LoadAnswer:
    """Loads like `coauthor-kg load FILE --json` and returns that summary. Requires the
    X-API-Key header to equal COAUTHOR_KG_API_KEY; without that setting uploads are
    disabled (403). Loading the same content again changes nothing ("unchanged")."""
    with tempfile.TemporaryDirectory(prefix="coauthor-kg-upload-") as folder:
        path = Path(folder) / _safe_name(file.filename)
        with path.open("wb") as out:
            shutil.copyfileobj(file.file, out, 1 << 20)
        try:
            spec = DocumentSpec(path, format or sniff_format(path), owner, captured)
            prepared = prepare_documents([spec], strict=strict, whole=True)
            with access.load() as store:
                summary = write_documents(
                    store,
                    prepared,
                    strict=strict,
                    exclusive=access.exclusive,
                    on_complete=lambda: refresh_after_load(store),
                    corrections=Corrections.read(settings.corrections_path),
                )
        except CoauthorKGError as exc:
            exc.message = _scrub(exc.message, folder)
            exc.details = _scrub(exc.details, folder)
            raise
        return LoadAnswer.model_validate(_scrub(summary.to_json(), folder))
