"""The job file for ``spark-submit`` (the cluster decides the master, executors and Python):

    spark-submit [spark options] "$(python -c 'import newstrace.spark.submit as m; print(m.__file__)')" \\
        s3a-or-mounted/CC-NEWS/2024/05/*.warc.gz --out /data/newstrace/2024-05

Settings come as for every newstrace command: defaults, then ``--config FILE`` (or ./newstrace.toml),
then ``NEWSTRACE_*`` environment variables, then the options below. Prints the job report as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from newstrace.settings import load_settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newstrace-spark", description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files, folders or glob patterns every executor can read")
    parser.add_argument("--out", required=True, help="output folder for the Parquet tables")
    parser.add_argument("--config", type=Path, help="settings file (TOML, table [newstrace])")
    parser.add_argument("--stages", help="comma-separated stage order [default: every stage]")
    parser.add_argument("--partitions", type=int, help="partitions for the stages [default: parallelism]")
    parser.add_argument("--master", help="Spark master [default: what spark-submit says]")
    args = parser.parse_args(argv)

    from newstrace.spark.run import run_job
    from newstrace.spark.session import session_scope

    settings = load_settings(config=args.config, stages=args.stages)
    with session_scope(args.master) as session:
        report = run_job(session, args.inputs, args.out, settings, args.partitions)
    json.dump(report.as_dict(), sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
