"""A Spark session for newsweave: local mode, bound to the loopback interface, no web UI.

The Python workers run the interpreter that runs the driver (the one with newsweave and its
models installed), and are reused across tasks so each loads its models once.
"""
from __future__ import annotations

import os
import sys
import tempfile

from newsweave.spark import require_pyspark


def local_session(*, cores: int = 2, app: str = "newsweave", local_dir: str | None = None,
                  shuffle_partitions: int | None = None):
    """A ``local[cores]`` SparkSession bound to 127.0.0.1 (driver and block manager), with the
    UI off and Arrow on for ``mapInPandas``/``applyInPandas``.

    >>> spark = local_session(cores=2)              # doctest: +SKIP
    >>> spark.conf.get("spark.driver.bindAddress")  # doctest: +SKIP
    '127.0.0.1'
    """
    require_pyspark()
    from pyspark.sql import SparkSession

    # The workers must import the same newsweave as the driver, and never pick a python3
    # from the PATH that lacks it.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    # Spark resolves the machine's hostname to find its address unless told: keep it on loopback.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    src = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if src not in paths:  # an uninstalled checkout (PYTHONPATH=src) must reach the workers too
        os.environ["PYTHONPATH"] = os.pathsep.join([src, *paths])
    local_dir = local_dir or tempfile.gettempdir()
    builder = (
        SparkSession.builder.master(f"local[{cores}]").appName(app)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.local.dir", local_dir)
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", str(shuffle_partitions or 2 * cores))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        # Articles carry their text and signatures: small Arrow batches keep a worker's
        # memory bounded, and a batch is what the stages get at once.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "256")
        .config("spark.python.worker.reuse", "true")
        .config("spark.sql.adaptive.enabled", "true")
    )
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
