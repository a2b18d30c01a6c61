"""compile_backbone: the compiled blocks compute the eager model's outputs and gradients for
batches of different valid lengths, without compiling again for every batch."""
import pytest
import torch

from mmgl.models.backbones.gl_transformer import GLTransformer
from mmgl.models.utils import compile_backbone


def _tiny(**kwargs):
    torch.manual_seed(0)
    return GLTransformer(num_joints=5, center=0, embed_dims=8, depth=1, num_heads=2,
                         max_frames=16, drop_rate=0., attn_drop_rate=0., drop_path_rate=0.,
                         **kwargs)


@pytest.mark.slow
def test_compiled_blocks_equal_eager_for_variable_lengths():
    import torch._dynamo
    torch._dynamo.reset()
    eager, compiled = _tiny(), _tiny()
    compiled.load_state_dict(eager.state_dict())
    compile_backbone(compiled)
    counters = torch._dynamo.utils.counters['stats']
    graphs = []
    for lengths in ([16, 5, 9], [3, 12, 7], [8, 8, 2], [10, 4, 6, 1]):
        x = torch.randn(len(lengths), 2, 16, 5, 3)
        outs = []
        for model in (eager, compiled):
            model.zero_grad()
            feat, mask = model.forward_features(x, torch.tensor(lengths))
            (feat[mask] * torch.linspace(-1, 1, feat.shape[-1])).sum().backward()
            outs.append((feat, {n: p.grad.clone() for n, p in model.named_parameters()}))
        torch.testing.assert_close(outs[1][0], outs[0][0], rtol=1e-4, atol=1e-5)
        for name, grad in outs[0][1].items():
            torch.testing.assert_close(outs[1][1][name], grad, rtol=1e-4, atol=1e-5,
                                       msg=name)
        graphs.append(counters['unique_graphs'])
    # dynamic shapes: new row counts, scratch widths and batch sizes reuse the graph once
    # the first change of length has made the sizes symbolic
    assert graphs[2] == graphs[1] == graphs[3], graphs
