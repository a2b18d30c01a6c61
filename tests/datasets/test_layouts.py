import pytest

from mmgl.datasets.layouts import LAYOUTS, get_layout


@pytest.mark.parametrize('name,joints,center,shoulders,channels', [
    ('nturgb+d', 25, 20, (4, 8), 3),
    ('nw-ucla', 20, 2, (4, 8), 3),
    ('sbu', 15, 1, (3, 6), 3),
    ('coco', 17, 0, (5, 6), 2),
])
def test_known_layouts(name, joints, center, shoulders, channels):
    layout = get_layout(name)
    assert (layout.num_joints, layout.center, layout.shoulders, layout.num_channels) == (
        joints, center, shoulders, channels)
    left, right = shoulders
    assert layout.joint_names[left] == 'left_shoulder'
    assert layout.joint_names[right] == 'right_shoulder'
    assert len(layout.bones) == joints - 1  # a tree
    assert all(0 <= p < joints for _, p in layout.bones)


def test_unknown_layout_lists_known_names():
    with pytest.raises(KeyError) as err:
        get_layout('kinect-v3')
    message = str(err.value)
    assert 'kinect-v3' in message and all(name in message for name in LAYOUTS)


def test_layout_is_frozen():
    with pytest.raises(Exception):
        get_layout('sbu').center = 2
