"""RecognizerGL: RecognizerGCN that hands each sample's valid length to backbone and head."""
from typing import Optional, Tuple

import torch

from mmaction.models.recognizers import RecognizerGCN
from mmaction.registry import MODELS
from mmaction.utils import SampleList
from ..utils import valid_len_from_samples


@MODELS.register_module()
class RecognizerGL(RecognizerGCN):
    """Skeleton recognizer for ``GLTransformer``.

    ``data_sample.valid_len`` (from ``PackActionInputs(algorithm_keys=('valid_len',))``)
    goes to ``backbone(x, valid_len)`` and, through the loss/predict kwargs, to the head
    (``GLClsHead`` pools the valid frames; ``GCNHead`` ignores it). Without it every frame
    counts as valid.
    """

    def extract_feat(self,
                     inputs: torch.Tensor,
                     stage: str = 'backbone',
                     data_samples: Optional[SampleList] = None,
                     test_mode: bool = False,
                     **kwargs) -> Tuple:
        """Extract features at ``stage`` (``'backbone'`` or ``'head'``).

        Args:
            inputs (torch.Tensor): ``(B, num_clips, M, T, V, C)``.
            stage (str): Where to stop. Defaults to ``'backbone'``.
            data_samples (list, optional): Carry ``valid_len``.
            test_mode (bool): Unused; kept for ``BaseRecognizer``'s calls.

        Returns:
            tuple: The features and the kwargs for the head's ``loss``/``predict``.
        """
        bs, nc = inputs.shape[:2]
        inputs = inputs.reshape((bs * nc, ) + inputs.shape[2:])
        valid_len = valid_len_from_samples(data_samples, inputs.device)
        if valid_len is not None and nc > 1:
            valid_len = valid_len.repeat_interleave(nc)
        head_kwargs = {} if valid_len is None else dict(valid_len=valid_len)
        x = self.backbone(inputs, valid_len=valid_len)
        if stage == 'head' and self.with_cls_head:
            x = self.cls_head(x, **head_kwargs)
        return x, head_kwargs

    def predict(self, inputs: torch.Tensor, data_samples: SampleList, **kwargs) -> SampleList:
        """As ``BaseRecognizer.predict``, but the data samples reach ``extract_feat``."""
        feats, predict_kwargs = self.extract_feat(inputs, data_samples=data_samples,
                                                  test_mode=True)
        return self.cls_head.predict(feats, data_samples, **predict_kwargs)
