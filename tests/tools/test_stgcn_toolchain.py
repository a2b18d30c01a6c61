"""mmaction's own STGCN config through mmgl's tools: train, test, resume (CPU, seconds)."""
import pytest

from tests.utils import write_random_ann, run_tool

CONFIG = 'configs/stgcn/stgcn_1xb8-2e_tiny-ntu60-3d.py'


@pytest.mark.slow
def test_train_test_resume(tmp_path):
    ann = tmp_path / 'tiny.pkl'
    write_random_ann(ann)
    work_dir = tmp_path / 'work'
    data = [f'{loader}.dataset.ann_file={ann}'
            for loader in ('train_dataloader', 'val_dataloader', 'test_dataloader')]

    run_tool('train.py', CONFIG, '--work-dir', work_dir, '--cfg-options', *data)
    assert (work_dir / 'epoch_2.pth').is_file()

    proc = run_tool('test.py', CONFIG, work_dir / 'epoch_2.pth', '--work-dir', work_dir,
                    '--cfg-options', *data)
    assert 'acc/top1' in proc.stdout + proc.stderr

    proc = run_tool('train.py', CONFIG, '--work-dir', work_dir, '--resume',
                    '--cfg-options', *data, 'train_cfg.max_epochs=3')
    log = proc.stdout + proc.stderr
    assert 'resumed epoch: 2' in log
    assert 'Epoch(train) [3]' in log
    assert (work_dir / 'epoch_3.pth').is_file()
