"""A reference linear-evaluation checkpoint, converted, evaluates through ``tools/test.py``
with exactly the reference's weights (the dumped scores equal an in-process strict load)."""
import copy
import json
import pickle

import numpy as np
import pytest
import torch
from mmengine.config import Config
from mmengine.registry import init_default_scope
from mmengine.runner import Runner

from mmaction.registry import MODELS
from mmgl.models.utils import convert_reference_state_dict
from tests.utils import REPO_ROOT, run_tool, write_random_ann

CONFIG = """
_base_ = ['{root}/configs/_base_/default_runtime.py',
          '{root}/configs/_base_/models/gl_transformer_cls.py',
          '{root}/configs/_base_/datasets/ntu60_xsub.py']
pipeline = [dict(type='GLPreNormalize', layout='nturgb+d', num_person=2, max_frames={T}),
            dict(type='GLFormatInput', max_frames={T}),
            dict(type='PackActionInputs', algorithm_keys=('valid_len', ))]
model = dict(backbone=dict(embed_dims={D}, depth={depth}, num_heads={heads}, mlp_ratio={ff},
                           max_frames={T}),
             cls_head=dict(num_classes={classes}, in_channels={wide}))
test_dataloader = dict(batch_size=4, num_workers=0, persistent_workers=False,
                       dataset=dict(ann_file='{ann}', pipeline=pipeline, num_classes=None))
test_cfg = dict(type='TestLoop')
train_dataloader = val_dataloader = val_evaluator = None
test_evaluator = [dict(type='AccMetric')]
"""


@pytest.mark.slow
def test_converted_reference_checkpoint_through_test_py(reference_dir, tmp_path):
    manifest = json.loads((reference_dir / 'manifest.json').read_text())
    arrays = np.load(reference_dir / 'model.npz')
    reference = {k.split('/', 1)[1]: torch.from_numpy(arrays[k]) for k in arrays.files
                 if k.startswith(('param/transformer.', 'downstream_param/'))}
    torch.save(reference, tmp_path / 'linear_epoch120')  # as the reference saves it
    run_tool('model_converters/gl_reference_to_mmgl.py', tmp_path / 'linear_epoch120',
             tmp_path / 'converted.pth')

    cfg = manifest['config']['model']
    write_random_ann(tmp_path / 'ann.pkl', num_samples=12, min_len=5, max_len=40)
    (tmp_path / 'cfg.py').write_text(CONFIG.format(
        root=REPO_ROOT, T=cfg['num_frame'], D=cfg['dim_emb'], depth=cfg['depth'],
        heads=cfg['num_heads'], ff=cfg['ff_expand'], wide=cfg['num_joint'] * cfg['dim_emb'],
        classes=manifest['config']['downstream']['num_action_class'], ann=tmp_path / 'ann.pkl'))
    run_tool('test.py', tmp_path / 'cfg.py', tmp_path / 'converted.pth', '--work-dir',
             tmp_path / 'work', '--dump', tmp_path / 'scores.pkl')
    with open(tmp_path / 'scores.pkl', 'rb') as f:
        dumped = torch.stack([torch.as_tensor(s['pred_score']) for s in pickle.load(f)])

    test_cfg = Config.fromfile(str(tmp_path / 'cfg.py'))
    init_default_scope('mmaction')
    model = MODELS.build(test_cfg.model)
    model.load_state_dict(convert_reference_state_dict(reference), strict=True)
    model.eval()
    loader = copy.deepcopy(test_cfg.test_dataloader)
    scores = []
    with torch.no_grad():
        for batch in Runner.build_dataloader(loader):
            scores += [s.pred_score for s in model.test_step(batch)]
    assert len(dumped) == 4  # the 1/3 of 12 samples in xsub_val
    torch.testing.assert_close(dumped, torch.stack(scores), rtol=1e-5, atol=1e-6)
