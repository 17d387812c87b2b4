"""The same pipeline on Apache Spark: an adapter, not a rewrite.

The per-document stages run unchanged inside ``mapPartitions`` (``job``: plain functions over
iterators, no Spark import); the corpus stages run as Spark jobs (``dedup``, ``blocking``, ``claims``);
``run`` drives them and writes Parquet with the schema declared in ``schema``; ``submit`` is the job
file for ``spark-submit``. Only this package imports pyspark, and only when a job runs.
"""
