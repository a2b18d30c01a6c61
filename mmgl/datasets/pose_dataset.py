"""mmaction's ``PoseDataset`` with the annotation checked when it is loaded.

mmaction silently drops split names that have no annotation and only finds bad arrays
when a worker reaches them, possibly hours into a run. ``GLPoseDataset`` runs the checks of
:mod:`mmgl.datasets.checks` (the same ones as ``tools/data/validate_ann.py``) on the split
it loads and raises one error listing every problem.
"""
from typing import Callable, Dict, List, Optional, Union

from mmaction.datasets import PoseDataset
from mmaction.registry import DATASETS

from .checks import annotation_problems, normalize_label, unit_warnings
from .converters.common import load_annotation
from .errors import DataError

__all__ = ['GLPoseDataset', 'fill_pipeline']

_MAX_LISTED = 20


def fill_pipeline(pipeline: List[Union[Dict, Callable]], **fields) -> List[Union[Dict, Callable]]:
    """The pipeline with the dataset's data-shape settings filled in.

    A transform class lists the arguments a dataset may supply in ``dataset_fields`` (e.g.
    ``GLPreNormalize``: layout, num_person, max_frames); a config step that leaves one of them
    out gets the dataset's value, so one pipeline definition serves every dataset
    (``configs/_base_/datasets/skeleton.py``). Values a step sets are kept; None fields and
    built transforms are left alone.
    """
    from mmaction.registry import TRANSFORMS
    filled = []
    for step in pipeline or ():
        if isinstance(step, dict):
            cls = TRANSFORMS.get(step['type']) if isinstance(step['type'], str) else step['type']
            wanted = getattr(cls, 'dataset_fields', ())
            step = dict(step, **{k: v for k, v in fields.items()
                                 if k in wanted and v is not None and k not in step})
        filled.append(step)
    return filled


def _pipeline_max_frames(pipeline) -> Optional[int]:
    """``max_frames`` of the first ``GLPreNormalize`` of a pipeline (dicts or transforms)."""
    from .transforms import GLPreNormalize
    for step in pipeline or ():
        if isinstance(step, dict) and step.get('type') in ('GLPreNormalize', GLPreNormalize):
            return step.get('max_frames', GLPreNormalize().max_frames)
        if isinstance(step, GLPreNormalize):
            return step.max_frames
    return None


@DATASETS.register_module()
class GLPoseDataset(PoseDataset):
    """Pose dataset that validates its split at load time.

    Checked: the split exists and every name in it has an annotation; labels are integers
    in ``[0, num_classes)`` (when ``num_classes`` is given; numpy integer scalars and
    one-element integer arrays are accepted and stored as ``int``); ``keypoint`` is a finite
    ``(M, T, V, C)`` array with the layout's joint and channel counts (when ``layout`` is
    given) and at least one valid frame; ``total_frames`` equals ``T``.

    Args:
        ann_file (str): pyskl annotation pickle.
        pipeline (list): Transforms.
        split (str, optional): Split to load; None loads every annotation.
        layout (str, optional): Expected joint layout. Defaults to None (not checked).
        num_classes (int, optional): Labels must lie in ``[0, num_classes)``.
        max_frames (int, optional): Count valid frames within the first ``max_frames``, as
            ``GLPreNormalize`` does (a sample whose person 0 appears only later is refused at
            load). None takes it from the pipeline's ``GLPreNormalize`` (its default 300
            when it sets none); no ``GLPreNormalize``: every frame counts.
        num_person (int, optional): Person slots of the model input.
            ``layout``, ``num_person`` and ``max_frames`` also fill the pipeline steps that
            leave them out (:func:`fill_pipeline`). Defaults to None.
        check_arrays (bool): Also check every sample's arrays (a few seconds for NTU-120);
            False checks the structure only. Defaults to True.
        serialize_data (bool): mmengine's serialisation of the annotation list into one
            byte buffer. Off by default: skeleton annotations are mostly numpy arrays, which
            forked workers share without copying, while serialising holds up to three
            copies while it runs. Measured with ``tools/analysis/dataloader_scale.py``
            (docs/benchmarks.md): NTU-120-sized data (5.6 GiB of keypoints), 8 workers, a
            full epoch: peak PSS of all processes 1.39x the data unserialised; 20,000
            samples: 1.86x unserialised vs 3.87x serialised. Defaults to False.
        **kwargs: Passed to :class:`mmaction.datasets.PoseDataset`.

    Raises:
        DataError: naming the annotation file and listing ``frame_dir: problem`` lines.
    """

    def __init__(self,
                 ann_file: str,
                 pipeline: List[Union[Dict, Callable]],
                 split: Optional[str] = None,
                 layout: Optional[str] = None,
                 num_classes: Optional[int] = None,
                 max_frames: Optional[int] = None,
                 num_person: Optional[int] = None,
                 check_arrays: bool = True,
                 serialize_data: bool = False,
                 **kwargs) -> None:
        pipeline = fill_pipeline(pipeline, layout=layout, num_person=num_person,
                                 max_frames=max_frames)
        self.layout = layout
        self.max_frames = max_frames if max_frames is not None else _pipeline_max_frames(
            pipeline)
        self.check_arrays = check_arrays
        super().__init__(ann_file, pipeline=pipeline, split=split, num_classes=num_classes,
                         serialize_data=serialize_data, **kwargs)

    def load_data_list(self) -> List[Dict]:
        data = load_annotation(self.ann_file)
        problems = annotation_problems(data, split=self.split, layout=self.layout,
                                       num_classes=self.num_classes,
                                       max_frames=self.max_frames,
                                       check_samples=self.check_arrays)
        if problems:
            lines = [f'  {where}: {problem}' for where, problem in problems[:_MAX_LISTED]]
            if len(problems) > _MAX_LISTED:
                lines.append(f'  ... and {len(problems) - _MAX_LISTED} more '
                             '(tools/data/validate_ann.py lists all)')
            raise DataError(self.ann_file, f'{len(problems)} problem(s) in split '
                            f'{self.split!r}:\n' + '\n'.join(lines))
        annotations = data['annotations'] if isinstance(data, dict) else data
        if self.check_arrays:
            from mmengine.logging import print_log
            for warning in unit_warnings(annotations):
                print_log(f'{self.ann_file}: {warning}', logger='current', level=30)
        if self.split is not None:
            wanted = set(data['split'][self.split])
            annotations = [a for a in annotations if a['frame_dir'] in wanted]
        for sample in annotations:
            # np.int64(3) / np.array([3]) -> 3: mmaction's label packing takes Python ints
            try:
                sample['label'] = normalize_label(sample['label'])
            except ValueError as err:  # only reachable with check_arrays=False
                raise DataError(self.ann_file, f'{sample["frame_dir"]}: {err}') from None
        return annotations
