"""Reading inputs and the per-article stages, as ``mapInPandas`` functions.

Both run the embedded code on each Arrow batch: the ingest readers (``newsweave.ingest``) on the
files of a batch, and ``pipeline.run_article_stages`` on its articles. The config is rebuilt
once per Python worker, and the stages keep their models loaded in the worker between batches
(Spark reuses its Python workers), so the models load once per worker, not per batch.
"""
from __future__ import annotations

import json
from typing import Any, Iterator

from newsweave import errors
from newsweave.config import Config, load_config
from newsweave.spark.rows import ARTICLE_SCHEMA, article_row, pack, skipped_row, unpack

# Rows out of the reading step: one per article read or input skipped, in reading order.
READ_SCHEMA = "order long, pos long, id string, payload binary, skipped string"
# Rows out of the stages: an analysed article, or (all article columns null) a skipped entry.
ANALYSED_SCHEMA = ARTICLE_SCHEMA + ", order long, skipped string"

_configs: dict[str, Config] = {}


def worker_config(config_json: str) -> Config:
    """The run's config, built once per worker process from its JSON dump."""
    config = _configs.get(config_json)
    if config is None:
        config = load_config(**json.loads(config_json))
        # One ONNX thread per worker, as newsweave.parallel does: Spark already runs one
        # Python worker per core.
        config = config.model_copy(update={"nlp": config.nlp.model_copy(
            update={"embed_threads": 1})})
        _configs[config_json] = config
    return config


def config_json(config: Config) -> str:
    return json.dumps(config.model_dump(mode="json"), sort_keys=True)


def list_inputs(paths: list[str], config: Config) -> tuple[list[tuple[str, str]], list[dict]]:
    """The files to read, as ``(path, display name)`` in the order ``read_inputs`` reads them,
    and a skipped entry for each given path that is not read (missing, hidden, empty)."""
    from newsweave.ingest import input_files  # the readers' own listing and messages

    files, skipped = [], []
    for entry in input_files(paths, config):
        if isinstance(entry, errors.NewsweaveError):
            skipped.append(entry.to_dict())
        else:
            files.append((str(entry[0]), entry[1]))
    return files, skipped


def read_files(config_text: str):
    """mapInPandas function: rows ``(order, path, display)`` in, ``READ_SCHEMA`` rows out.

    Each file goes through the readers exactly as ``read_inputs`` reads it (sanitised and
    checked); ids are made unique across the run afterwards, on the driver, in reading order."""
    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd
        from pathlib import Path

        # The readers' own per-file steps (read_inputs without the id claim).
        from newsweave.ingest import read_file

        config = worker_config(config_text)
        for batch in batches:
            out = []
            for order, path, display in zip(batch["order"], batch["path"], batch["display"]):
                for pos, item in enumerate(read_file(Path(path), config, display=display)):
                    if isinstance(item, errors.NewsweaveError):
                        out.append({"order": order, "pos": pos, "id": None, "payload": None,
                                    "skipped": json.dumps(item.to_dict())})
                    else:
                        out.append({"order": order, "pos": pos, "id": item.id,
                                    "payload": pack(item), "skipped": None})
            yield pd.DataFrame(out, columns=["order", "pos", "id", "payload", "skipped"])
    return run


def analyse(config_text: str, renamed: dict[str, str] | None = None):
    """mapInPandas function: rows ``(key, order, payload)`` in, ``ANALYSED_SCHEMA`` rows out
    (``order``, the reading order, passed through).

    Runs ``run_article_stages`` on the batch's articles (a failing article is skipped with its
    reason, as in ``newsweave brief``); ``renamed`` maps a row key to the article's unique id."""
    renamed = renamed or {}

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from newsweave.pipeline import run_article_stages

        config = worker_config(config_text)
        columns = [c.split()[0] for c in ANALYSED_SCHEMA.split(", ")]
        for batch in batches:
            articles, order = [], {}
            for key, position, payload in zip(batch["key"], batch["order"], batch["payload"]):
                article = unpack(payload)
                article.id = renamed.get(key, article.id)
                order[article.id] = int(position)
                articles.append(article)
            kept, failed = run_article_stages(articles, config)
            rows = [article_row(a) | {"order": order[a.id], "skipped": None} for a in kept]
            rows += [dict.fromkeys(columns) | {"skipped": json.dumps(entry)} for entry in failed]
            yield pd.DataFrame(rows, columns=columns)
    return run


__all__ = ["ANALYSED_SCHEMA", "READ_SCHEMA", "analyse", "config_json", "list_inputs",
           "read_files", "skipped_row", "worker_config"]
