"""Picture tools on a tiny checkpoint made here: t-SNE, attention maps, skeleton rendering.

Everything is tiny (D=8, one block, 12 short samples) and single-threaded so that the
module stays within a few seconds on a shared CPU.
"""

import numpy as np
import pytest
import torch
from PIL import Image

from tests.utils import load_tool, write_random_ann


TINY_BACKBONE = dict(type='GLTransformer', layout='nturgb+d', num_person=2, embed_dims=8,
                     depth=1, num_heads=2, max_frames=16)

# the data both configs read: the test pipeline and the loaders' common settings
DATA = """
test_pipeline = [
    dict(type='GLPreNormalize', layout='nturgb+d', num_person=2, max_frames=16),
    dict(type='GLFormatInput', max_frames=16),
    dict(type='PackActionInputs', algorithm_keys=('valid_len', )),
]
loader = dict(batch_size=4, num_workers=0)
data = dict(type='GLPoseDataset', ann_file=ann_file, layout='nturgb+d', pipeline=test_pipeline)
train_dataloader = dict(loader, sampler=dict(type='DefaultSampler', shuffle=True),
                        dataset=dict(data, split='train', num_classes=3))
test_data = dict(loader, sampler=dict(type='DefaultSampler', shuffle=False),
                 dataset=dict(data, split='val', test_mode=True))
"""

RECOGNIZER_CFG = f"""
default_scope = 'mmaction'
ann_file = '{{ann}}'
model = dict(
    type='RecognizerGL',
    backbone={TINY_BACKBONE!r},
    cls_head=dict(type='GLClsHead', num_classes=3, in_channels=25 * 2 * 8),
    data_preprocessor=dict(type='ActionDataPreprocessor'))
{DATA}
test_dataloader = test_data
"""

# a pretraining config: no test loader, the dataset base's eval_dataloader instead
MPDP_CFG = f"""
default_scope = 'mmaction'
ann_file = '{{ann}}'
model = dict(
    type='MPDP',
    backbone={TINY_BACKBONE!r},
    head=dict(type='MPDPHead'),
    target_generator=dict(type='MPDPTargetGenerator', intervals=(1, 5), mag_step=0.01,
                          num_mag_classes=16),
    data_preprocessor=dict(type='ActionDataPreprocessor'))
{DATA}
val_dataloader = test_dataloader = None
eval_dataloader = test_data
"""


def tool(name: str):
    return load_tool(f'analysis/{name}.py')


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    from threadpoolctl import threadpool_limits
    with threadpool_limits(1):
        yield
    torch.set_num_threads(threads)


@pytest.fixture(scope='module')
def files(tmp_path_factory):
    """Annotation (12 samples, 3 classes, 2 persons, 10-20 frames; val: 4 samples), two
    configs and two checkpoints (MPDP and recognizer, both with backbone.* keys)."""
    from mmaction.registry import MODELS
    from mmgl.apis import load_config
    root = tmp_path_factory.mktemp('pictures')
    ann = root / 'ann.pkl'
    write_random_ann(ann, num_samples=12, num_classes=3, min_len=10, max_len=20,
                     splits=('train', 'val'))
    out = dict(root=root, ann=ann)
    torch.manual_seed(1)
    for kind, text in (('recognizer', RECOGNIZER_CFG), ('mpdp', MPDP_CFG)):
        cfg_file = root / f'{kind}_cfg.py'
        cfg_file.write_text(text.replace('{ann}', str(ann)))
        model = MODELS.build(load_config(str(cfg_file)).model)
        with torch.no_grad():  # move away from the init so that loading is visible
            for p in model.backbone.parameters():
                p.add_(torch.randn_like(p) * 0.5)
        ckpt = root / f'{kind}.pth'
        torch.save({'state_dict': model.state_dict(), 'meta': {}}, ckpt)
        out[f'{kind}_cfg'], out[f'{kind}_ckpt'] = cfg_file, ckpt
    return out


def image_size(path):
    with Image.open(path) as im:
        im.verify()
    with Image.open(path) as im:
        return im.size, getattr(im, 'n_frames', 1), im.format


@pytest.mark.parametrize('name', ['tsne_embedding', 'attention_maps', 'render_skeleton'])
def test_help(name, capsys):
    with pytest.raises(SystemExit) as exit_:
        tool(name).main(['--help'])
    assert exit_.value.code == 0 and 'usage' in capsys.readouterr().out


def test_recorded_attention_leaves_the_model_unchanged():
    from mmaction.registry import MODELS
    import mmgl  # noqa: F401
    from mmgl.visualization.attention import attention_maps, record_attention
    torch.manual_seed(0)
    backbone = MODELS.build(dict(TINY_BACKBONE, depth=2)).eval()
    x = torch.randn(2, 2, 16, 25, 3)
    valid_len = torch.tensor([16, 7])
    with torch.no_grad():
        expected, mask = backbone.forward_features(x, valid_len)  # default packed path
        with record_attention(backbone):
            recorded, _ = backbone.forward_features(x, valid_len)
        after, _ = backbone.forward_features(x, valid_len)
    assert torch.allclose(recorded[mask], expected[mask], atol=1e-5)
    assert torch.equal(after, expected)  # patch undone
    assert not backbone.reference_math
    assert 'attend' not in vars(backbone.blocks[0].attn_spatial)

    maps = attention_maps(backbone, x, valid_len)
    N = 50
    assert [tuple(w.shape) for w in maps.spatial] == [(2, 16, 2, N, N)] * 2
    assert [tuple(w.shape) for w in maps.temporal] == [(2, 2, 16, 16)] * 2
    assert torch.allclose(maps.spatial[0].sum(-1), torch.ones(2, 16, 2, N))
    assert torch.allclose(maps.temporal[1].sum(-1), torch.ones(2, 2, 16))
    assert maps.temporal[1][1, :, :, 7:].abs().max() == 0  # padded keys get no weight
    assert maps.global_tokens == (40, 41)
    assert maps.spatial_map(-1, None, sample=1).shape == (N, N)
    assert maps.temporal_map(0, 1, sample=1).shape == (7, 7)
    with pytest.raises(IndexError, match='head 5'):
        maps.spatial_map(0, 5)
    with pytest.raises(RuntimeError, match='eval mode'):
        with record_attention(backbone.train()):
            pass


def test_tsne_tool_writes_both_panels(files, capsys):
    out = files['root'] / 'tsne.png'
    assert tool('tsne_embedding').main([
        str(files['recognizer_cfg']), str(files['mpdp_ckpt']), '--out', str(out),
        '--class-names', 'a', 'b', 'c', '--subset', 'train']) == 0
    text = capsys.readouterr().out
    assert 'random initialisation (random init): 8 samples, 400-d features' in text
    assert image_size(out) == ((1200, 550), 1, 'PNG')  # 2 panels of 5 in + legend, 100 dpi


def test_tsne_tool_panel_titles(files, capsys):
    out = files['root'] / 'tsne_titles.png'
    args = [str(files['recognizer_cfg']), str(files['mpdp_ckpt']), '--out', str(out),
            '--subset', 'train']
    assert tool('tsne_embedding').main(args + ['--titles', 'MPDP, 30 epochs', 'random']) == 0
    assert 'MPDP, 30 epochs (' in capsys.readouterr().out
    with pytest.raises(SystemExit, match='2 panels, 1 titles'):
        tool('tsne_embedding').main(args + ['--titles', 'only one'])


def test_tsne_features_depend_on_the_checkpoint(files):
    from mmgl.evaluation import extract_pooled_features
    from mmgl.apis import build_eval_loader, build_recognizer, load_config
    cfg = load_config(str(files['mpdp_cfg']))  # pretraining config: GLClsHead added
    feats = []
    for ckpt in (files['mpdp_ckpt'], files['recognizer_ckpt'], None):
        model = build_recognizer(cfg, ckpt and str(ckpt))
        feats.append(extract_pooled_features(model, build_eval_loader(cfg))[0])
    assert feats[0].shape == (4, 400)  # the 4 val samples
    assert not torch.allclose(feats[0], feats[1]) and not torch.allclose(feats[0], feats[2])
    from mmgl.visualization.embedding import tsne_embed
    assert tsne_embed(feats[0].numpy()).shape == (4, 2)


def test_attention_colour_scale_keeps_the_small_weights_apart():
    """One dominant key must not flatten the rest: on the log scale a weight 100x below the
    largest still sits a third of the way up, where a linear scale from 0 puts it at 1%."""
    from matplotlib.colors import LogNorm
    from mmgl.visualization.attention_figures import attention_norm
    w = np.array([[0.9, 0.009, 0.0009], [0.5, 0.3, 0.2]])
    log = attention_norm(w)
    assert isinstance(log, LogNorm) and log.vmax == pytest.approx(0.9)
    assert log.vmin == pytest.approx(0.9e-3)  # the floor: 1/1000 of the largest
    assert 0.3 < float(log(0.009)) < 0.4 and float(log(0.9)) == pytest.approx(1.0)
    linear = attention_norm(w, 'linear')
    assert linear.vmin == pytest.approx(0.0009) and linear.vmax == pytest.approx(0.9)
    with pytest.raises(ValueError, match='log'):
        attention_norm(w, 'sqrt')


def test_attention_tool_writes_three_maps(files):
    out_dir = files['root'] / 'attn'
    args = [str(files['mpdp_cfg']), str(files['mpdp_ckpt']), '--out-dir', str(out_dir)]
    assert tool('attention_maps').main(args + ['--index', '1']) == 0
    prefix = out_dir / 'sample0009_l0_h0'  # val samples: 0008-0011
    # 150 dpi by default: 8 x 7, 2 x 2 panels of 3.5 in (+ 1 x 0.5), 6 x 5 inches
    assert image_size(f'{prefix}_spatial.png') == ((1200, 1050), 1, 'PNG')
    assert image_size(f'{prefix}_skeleton.png') == ((1200, 1125), 1, 'PNG')
    assert image_size(f'{prefix}_temporal.png') == ((900, 750), 1, 'PNG')
    # a recognizer checkpoint, one frame, mean over heads, own prefix
    assert tool('attention_maps').main([
        str(files['recognizer_cfg']), str(files['recognizer_ckpt']), '--out-dir',
        str(out_dir), '--frame-dir', 'sample0003', '--split', 'train', '--head', 'mean',
        '--frame', '2', '--prefix', 'x']) == 0
    for kind in ('spatial', 'skeleton', 'temporal'):
        assert image_size(out_dir / f'x_{kind}.png')[2] == 'PNG'
    # random init (no checkpoint) of the no-global-token ablation: no skeleton picture
    assert tool('attention_maps').main([
        str(files['mpdp_cfg']), '--out-dir', str(out_dir), '--prefix', 'ng', '--cfg-options',
        'model.backbone.global_token=False']) == 0
    assert image_size(out_dir / 'ng_temporal.png')[2] == 'PNG'
    assert not (out_dir / 'ng_skeleton.png').exists()
    with pytest.raises(KeyError, match='backbone'):
        torch.save({'state_dict': {'head.w': torch.zeros(1)}}, files['root'] / 'bad.pth')
        tool('attention_maps').main([str(files['mpdp_cfg']), str(files['root'] / 'bad.pth')])
    with pytest.raises(SystemExit, match='1 blocks'):
        tool('attention_maps').main(args + ['--layer', '3'])


def test_render_tool_strip_and_gif(files, capsys):
    png = files['root'] / 'render' / 'strip.png'
    assert tool('render_skeleton').main([
        str(files['ann']), '--layout', 'nturgb+d', '--out', str(png), '--num-frames', '4',
        '--frame-dir', 'sample0000']) == 0
    assert image_size(png) == ((800, 475), 1, 'PNG')  # 4 panels of 2 in, 2 rows + title
    gif = files['root'] / 'render' / 'anim.gif'
    assert tool('render_skeleton').main([
        '--config', str(files['recognizer_cfg']), '--out', str(gif), '--step', '5']) == 0
    (w, h), frames, fmt = image_size(gif)
    assert (w, h, fmt) == (640, 320, 'GIF') and frames >= 2
    assert 'wrote' in capsys.readouterr().out


def test_strip_of_a_one_person_2d_sample(tmp_path):
    from mmgl.visualization.skeleton import plot_prenorm_strip, prenormalize
    import mmgl  # noqa: F401
    rng = np.random.default_rng(0)
    kp = rng.normal(size=(1, 5, 17, 2)).astype(np.float32) * 50 + 200
    raw, norm, layout = prenormalize(dict(keypoint=kp, frame_dir='c'),
                                     dict(layout='coco', num_person=2, max_frames=300))
    assert norm.shape == (2, 5, 17, 2) and layout == 'coco'
    size = plot_prenorm_strip(raw, norm, layout, tmp_path / 's.png', num_frames=8)
    assert size == (1000, 475) and image_size(tmp_path / 's.png')[0] == size  # 5 frames
