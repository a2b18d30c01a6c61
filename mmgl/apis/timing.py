"""The data-pipeline timer shared by the benchmark tools."""
import os
import tempfile
import time
from typing import List

__all__ = ['pipeline_throughput']


def pipeline_throughput(pipeline: List[dict], annotations: dict, layout: str,
                        warmup: int = 10) -> float:
    """Samples per second of ``GLPoseDataset[i]`` (deserialise + ``pipeline``) in this
    process, over every sample of ``annotations`` (written to a temporary file).

    Args:
        pipeline (list[dict]): Transform configs, ending in ``PackActionInputs``.
        annotations (dict): A pyskl annotation dict with one split (see
            :func:`synthetic_annotations`).
        layout (str): The joint layout of the annotations.
        warmup (int): Samples run before the clock starts. Defaults to 10.
    """
    from mmgl.datasets import GLPoseDataset
    from mmgl.datasets.converters.common import write_annotation
    split = next(iter(annotations['split']))
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'synthetic.pkl')
        write_annotation(annotations, path)
        dataset = GLPoseDataset(ann_file=path, pipeline=pipeline, split=split, layout=layout)
        for i in range(min(warmup, len(dataset))):
            dataset[i]
        start = time.perf_counter()
        for i in range(len(dataset)):
            dataset[i]
        return len(dataset) / (time.perf_counter() - start)
