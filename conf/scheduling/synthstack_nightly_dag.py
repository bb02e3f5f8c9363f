"""synthstack nightly dataset generation as an Airflow DAG (Airflow 2.x or 3.x with
apache-airflow-providers-apache-spark).

Put this file in the DAGs folder. It needs:
- an Airflow connection `spark_synthstack` of type Spark whose host is the master (spark://host:7077, yarn or
  k8s://https://...), and `spark-submit` of Spark 4.0.1 (Scala 2.13, Java 17) on the workers that run the task;
- the application jar and this repository's conf/ under /opt/synthstack on those workers.

Why it is built this way:
- `{{ ds }}` is the run's logical date, the day that just ended for a daily schedule; the day's seed is that date
  as YYYYMMDD, so a backfilled or rerun day produces the same programs.
- `max_active_runs=1`: one nightly at a time, so a partition never has two writers.
- `catchup=True`: missed days are generated later, each into its own date partition.
- `retries`: a retry resumes after the last stage the manifest (OUT/manifests/dt=D/manifest.json) records as done,
  so a retry after a late failure costs only the missing stages.
- No credentials here: s3a uses the AWS SDK's default chain (environment, instance or pod identity).
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

SYNTHSTACK = "/opt/synthstack"

with DAG(
    dag_id="synthstack_nightly",
    description="Render, classify and export the day's drum kits (synthstack nightly)",
    schedule="15 2 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=True,
    max_active_runs=1,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=30)},
    tags=["synthstack"],
) as dag:
    SparkSubmitOperator(
        task_id="nightly",
        conn_id="spark_synthstack",
        application=f"{SYNTHSTACK}/synthstack-jobs.jar",
        java_class="org.synthstack.jobs.cli.SynthstackCli",
        # hadoop-aws is never in the application jar (its AWS SDK bundle is ~560 MB); drop this line when the
        # cluster's Spark already has it in jars/.
        packages="org.apache.hadoop:hadoop-aws:3.4.1",
        properties_file=f"{SYNTHSTACK}/conf/spark-defaults.standalone.conf",
        name="synthstack-nightly-{{ ds }}",
        application_args=[
            "nightly",
            "--date", "{{ ds }}",
            "--config", f"{SYNTHSTACK}/conf/jobs/s3a.properties",
            "--config", f"{SYNTHSTACK}/conf/jobs/nightly.properties",
        ],
        execution_timeout=timedelta(hours=6),
    )
