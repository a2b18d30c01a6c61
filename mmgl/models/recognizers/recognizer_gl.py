"""RecognizerGL: mmaction's skeleton recognizer for backbones with valid frames."""
from typing import Optional, Tuple

import torch

from mmaction.models.recognizers import RecognizerGCN
from mmaction.registry import MODELS
from mmaction.utils import ConfigType, OptConfigType, SampleList
from ..utils.inputs import unpack_inputs


@MODELS.register_module()
class RecognizerGL(RecognizerGCN):
    """Skeleton recognizer for ``GLTransformer`` and ``MAMPTransformer``.

    The batch is read once (:func:`mmgl.models.utils.unpack_inputs`: clip axis flattened,
    ``data_sample.valid_len`` from ``PackActionInputs(algorithm_keys=('valid_len',))``
    packed). A head with ``input_format = 'features'`` (``GLClsHead``) gets the backbone's
    ``forward_features`` ``(feat, mask)``, and its ``in_channels`` may be left out of the
    config (the backbone's ``out_channels`` is filled in); any other head (mmaction's
    ``GCNHead``) gets the backbone's 5-D ``(N, M, C, T, V)`` output.

    Args:
        backbone (dict): The backbone config.
        cls_head (dict, optional): The head config.
        Others as mmaction's ``RecognizerGCN``.
    """

    def __init__(self,
                 backbone: ConfigType,
                 cls_head: OptConfigType = None,
                 neck: OptConfigType = None,
                 train_cfg: OptConfigType = None,
                 test_cfg: OptConfigType = None,
                 data_preprocessor: OptConfigType = None) -> None:
        super().__init__(backbone=backbone, neck=neck, train_cfg=train_cfg,
                         test_cfg=test_cfg, data_preprocessor=data_preprocessor)
        if cls_head is not None:
            cls_head = dict(cls_head)
            head_cls = MODELS.get(cls_head['type']) if isinstance(cls_head['type'], str) \
                else cls_head['type']
            if getattr(head_cls, 'input_format', None) == 'features' and \
                    cls_head.get('in_channels') is None:
                cls_head['in_channels'] = self.backbone.out_channels
            self.cls_head = MODELS.build(cls_head)

    @property
    def head_takes_features(self) -> bool:
        return getattr(self.cls_head, 'input_format', None) == 'features'

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
            tuple: The features and the kwargs for the head's ``loss``/``predict``: for a
            features head ``feat (B', L, C)`` and ``dict(mask=(B', L) bool)``, else the
            backbone's 5-D output and ``{}`` (``B' = B * num_clips``).
        """
        x, packing = unpack_inputs(inputs, data_samples)
        if self.with_cls_head and self.head_takes_features:
            feats, mask = self.backbone.forward_features(x, packing)
            head_kwargs = dict(mask=mask)
        else:
            feats, head_kwargs = self.backbone(x, packing), {}
        if stage == 'head' and self.with_cls_head:
            feats = self.cls_head(feats, **head_kwargs)
        return feats, head_kwargs

    def predict(self, inputs: torch.Tensor, data_samples: SampleList, **kwargs) -> SampleList:
        """As ``BaseRecognizer.predict``, but the data samples reach ``extract_feat``."""
        feats, predict_kwargs = self.extract_feat(inputs, data_samples=data_samples,
                                                  test_mode=True)
        return self.cls_head.predict(feats, data_samples, **predict_kwargs)
