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


def test_docs_list_every_layouts_joint_order():
    """docs/data.md gives each built-in layout's joints in storage order (index: name)."""
    from tests.utils import REPO_ROOT
    text = (REPO_ROOT / 'docs/data.md').read_text()
    for name, layout in LAYOUTS.items():
        if name not in ('nturgb+d', 'nw-ucla', 'sbu', 'coco'):
            continue
        row = ', '.join(f'{i} {j}' for i, j in enumerate(layout.joint_names))
        assert f'| `{name}` | {row} |' in text, name


KINECT_V1 = ['hip_center', 'spine', 'shoulder_center', 'head', 'left_shoulder', 'left_elbow',
             'left_wrist', 'left_hand', 'right_shoulder', 'right_elbow', 'right_wrist',
             'right_hand', 'left_hip', 'left_knee', 'left_ankle', 'left_foot', 'right_hip',
             'right_knee', 'right_ankle', 'right_foot']
LAYOUT_SPEC = dict(name='kinect-v1-test', joints=KINECT_V1, center='shoulder_center',
            shoulders=['left_shoulder', 'right_shoulder'],
            edges=[[1, 0], [2, 1], [3, 2], [4, 2], [5, 4], [6, 5], [7, 6], [8, 2], [9, 8],
                   [10, 9], [11, 10], [12, 0], [13, 12], [14, 13], [15, 14], [16, 0],
                   [17, 16], [18, 17], [19, 18]])


def test_register_layout_from_yaml_python_and_config_dict(tmp_path):
    import json
    from mmgl.datasets.layouts import layout_from_spec, load_layout_file
    from mmgl.datasets.transforms import GLPreNormalize
    yaml_file = tmp_path / 'mine.yaml'
    yaml_file.write_text(json.dumps(dict(LAYOUT_SPEC, name='kinect-v1-yaml')))  # JSON is YAML
    (layout, ) = load_layout_file(yaml_file)
    assert get_layout('kinect-v1-yaml') is layout
    assert (layout.num_joints, layout.center, layout.shoulders) == (20, 2, (4, 8))
    assert layout.parents == get_layout('nw-ucla').parents
    py_file = tmp_path / 'mine.py'
    py_file.write_text(f'LAYOUTS = [{dict(LAYOUT_SPEC, name="kinect-v1-py")!r}]\n')
    load_layout_file(py_file)
    assert get_layout('kinect-v1-py').num_joints == 20
    # in a config: a dict wherever a layout name goes
    t = GLPreNormalize(layout=dict(LAYOUT_SPEC, name='kinect-v1-cfg'), max_frames=8)
    assert t.layout.name == 'kinect-v1-cfg' and get_layout('kinect-v1-cfg').center == 2
    assert layout_from_spec(dict(LAYOUT_SPEC, name='kinect-v1-cfg')) == t.layout  # idempotent


@pytest.mark.parametrize('change,problem', [
    (dict(center='navel'), "center 'navel' is not one of the joints"),
    (dict(shoulders=[4]), 'shoulders must be (left, right)'),
    (dict(edges=[[1, 0]]), 'edges leave joints 2, 3'),
    (dict(name='nturgb+d'), "layout 'nturgb+d' exists"),
])
def test_bad_layout_specs_are_named(change, problem):
    from mmgl.datasets.layouts import layout_from_spec
    import re
    spec = dict(LAYOUT_SPEC, name='kinect-v1-bad')
    spec.update(change)
    with pytest.raises(ValueError, match=re.escape(problem)):
        layout_from_spec(spec)
