"""Builds the 10,000,000-row case from the 1,000,000-row one: <out>/10m/eval.csv (≈ 2 GB) and
eval.parquet are the 1M rows ten times over, and the model is the same. Time and memory can
then be compared row for row with the 1M case, and every metric must come out unchanged (ten
copies of a set have the same accuracy, AUC, log loss…). Rerunning skips files that exist.

    python repeat.py <out_dir> [copies]
"""
import os
import shutil
import sys


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "bench/out"
    copies = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    big = os.path.join(out, "10m")
    os.makedirs(big, exist_ok=True)
    for name in ("model", "model.onnx"):
        src, dst = os.path.join(out, name), os.path.join(big, name)
        if not os.path.exists(dst):
            (shutil.copytree if os.path.isdir(src) else shutil.copyfile)(src, dst)
    csv = os.path.join(big, "eval.csv")
    if not os.path.exists(csv):
        with open(os.path.join(out, "eval.csv"), "rb") as f:
            header = f.readline()
            body = f.read()
        with open(csv + ".part", "wb") as f:
            f.write(header)
            for _ in range(copies):
                f.write(body)
        os.replace(csv + ".part", csv)
    parquet = os.path.join(big, "eval.parquet")
    if not os.path.exists(parquet):
        import pyarrow.parquet as pq

        table = pq.read_table(os.path.join(out, "eval.parquet"))
        with pq.ParquetWriter(parquet + ".part", table.schema) as writer:
            for _ in range(copies):
                writer.write_table(table)
        os.replace(parquet + ".part", parquet)


if __name__ == "__main__":
    main()
