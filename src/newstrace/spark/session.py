"""A SparkSession for newstrace jobs: on a cluster, what spark-submit configured; in local mode, set
up for one machine (this interpreter for the Python workers, no web UI, few shuffle partitions)."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOCAL_DEFAULTS = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.default.parallelism": "4",
    # Whole documents (raw, clean, annotations) cross the shuffles: more than the 1 GB default heap.
    "spark.driver.memory": "3g",
    # The default, stated: Python workers are kept between tasks, and with them the loaded models.
    "spark.python.worker.reuse": "true",
}


def spark_session(
    master: str | None = None, app_name: str = "newstrace", conf: Mapping[str, str] | None = None
) -> SparkSession:
    """The active session, or a new one. ``master`` None: whatever spark-submit (or the cluster)
    says; ``local[N]``: a local session whose Python workers run this very interpreter."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master is not None:
        builder = builder.master(master)
    settings = dict(conf or {})
    if master is not None and master.startswith("local"):
        # The workers must import the same newstrace, models and all: the running interpreter.
        os.environ["PYSPARK_PYTHON"] = sys.executable
        os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
        settings = {**LOCAL_DEFAULTS, **settings}
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


@contextlib.contextmanager
def session_scope(master: str | None = None, app_name: str = "newstrace") -> Iterator[SparkSession]:
    """A session for one command: stopped afterwards if this command started it, left running if it
    was already active (a notebook's, or a test's)."""
    from pyspark.sql import SparkSession

    owned = SparkSession.getActiveSession() is None
    session = spark_session(master, app_name)
    try:
        yield session
    finally:
        if owned:
            session.stop()
