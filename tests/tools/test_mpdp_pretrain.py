"""A few iterations of MPDP pretraining through tools/train.py on CPU: the loss goes down."""
import pytest

from mmgl.visualization.curves import load_scalars
from tests.utils import run_tool, write_random_ann

CONFIG = 'configs/mpdp/mpdp_gl-transformer-tiny-sine_1xb16-30e_demo.py'


@pytest.mark.slow
def test_pretraining_loss_decreases(tmp_path):
    ann = tmp_path / 'ann.pkl'
    write_random_ann(ann, num_samples=24, min_len=10, max_len=30, splits=('train', 'val'))
    run_tool('train.py', CONFIG, '--work-dir', tmp_path / 'work', '--cfg-options',
             f'train_dataloader.dataset.ann_file={ann}', 'train_dataloader.batch_size=8',
             'train_dataloader.num_workers=0', 'train_dataloader.persistent_workers=False',
             'model.backbone.embed_dims=8', 'model.backbone.depth=1', 'train_cfg.max_epochs=6',
             'default_hooks.logger.interval=1')
    steps, losses = load_scalars(tmp_path / 'work')['loss']
    assert len(losses) == 12  # 6 epochs x 2 iterations
    first, last = sum(losses[:2]) / 2, sum(losses[-2:]) / 2
    assert last < first - 0.3, losses
