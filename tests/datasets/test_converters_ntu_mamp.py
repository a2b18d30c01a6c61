"""MAMP's NTU body selection on small synthetic ``.skeleton`` files."""
import pickle
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np
import pytest

from mmgl.datasets import DataError
from mmgl.datasets.converters.ntu import convert_ntu, load_ntu_sample
from mmgl.datasets.converters.ntu_mamp import (load_ntu_sample_mamp, noisy_frames,
                                               read_ntu_bodies, select_bodies_mamp)

Frame = Sequence[Tuple[str, np.ndarray]]  # (body ID, (25, 3)) in file order


def write_bodies(path: Path, frames: Sequence[Frame]) -> Path:
    """Write an NTU ``.skeleton`` file with explicit body IDs."""
    lines: List[str] = [str(len(frames))]
    for bodies in frames:
        lines.append(str(len(bodies)))
        for body_id, xyz in bodies:
            lines += [f'{body_id} 0 1 1 1 1 0 0.02 0.05 2', '25']
            lines += [f'{x!r} {y!r} {z!r} 1 2 3 4 0 0 0 0 2' for x, y, z in xyz.tolist()]
    path.write_text('\n'.join(lines) + '\n')
    return path


def tall(t: int, seed: int, speed: float = 0.0) -> np.ndarray:
    """An upright body (y-range 1.6 m, x-range 0.4 m) drifting along x by ``speed`` a frame."""
    rng = np.random.default_rng(seed)
    xyz = np.stack([rng.uniform(-0.2, 0.2, 25), np.linspace(-0.8, 0.8, 25),
                    rng.uniform(-0.1, 0.1, 25)], axis=1)
    return np.round(xyz + [speed * t, 0, 3], 6)


def wide(t: int, seed: int) -> np.ndarray:
    """A flat, wide body (x-range 2 m, y-range 0.4 m): every frame is noisy."""
    xyz = tall(t, seed)[:, [1, 0, 2]]
    xyz[:, 0] *= 1.25
    return np.round(xyz + [0.3 * np.sin(t), 0, 0], 6)


def _file(tmp_path: Path, tracks: Dict[str, Tuple[range, callable]], frames: int) -> Path:
    """``tracks[body_id] = (frames present, frame -> (25, 3))``, bodies in dict order."""
    content = [[(bid, make(t)) for bid, (present, make) in tracks.items() if t in present]
               for t in range(frames)]
    return write_bodies(tmp_path / 'S001C001P001R001A050.skeleton', content)


def test_noisy_frames_strict_spread_ratio():
    xyz = np.zeros((3, 25, 3), np.float32)
    xyz[:, 1, 1] = [0.9375, 0.9375, 1.0]  # y-ranges; 0.8 * 0.9375 = 0.75 exactly
    xyz[:, 1, 0] = [0.76, 0.75, 0.8]  # x-ranges
    # float32(0.8) > 0.8 * 1.0 in float64, the reference numpy's promotion (float32: equal).
    np.testing.assert_array_equal(noisy_frames(xyz), [True, False, True])


def test_one_body_fills_person_zero(tmp_path):
    path = _file(tmp_path, {'1': (range(3, 20), lambda t: tall(t, 1))}, 20)
    keypoint = load_ntu_sample_mamp(path)
    assert keypoint.shape == (1, 17, 25, 3) and keypoint.dtype == np.float32
    np.testing.assert_array_equal(keypoint[0, 0], tall(3, 1).astype(np.float32))


def test_short_body_dropped_and_empty_frames_removed(tmp_path):
    path = _file(tmp_path, {
        'short': (range(0, 11), lambda t: tall(t, 2, speed=0.2)),  # 11 frames, moves most
        'main': (range(5, 30), lambda t: tall(t, 1)),
    }, 30)
    read = read_ntu_bodies(path)
    assert [b.num_frames for b in read.bodies] == [11, 25] and read.num_frames == 30
    keypoint = select_bodies_mamp(read)
    assert keypoint.shape == (1, 25, 25, 3)  # frames 0-4 held only the dropped body
    np.testing.assert_array_equal(keypoint[0, 0], tall(5, 1).astype(np.float32))


def test_noisy_body_dropped_even_with_more_motion(tmp_path):
    path = _file(tmp_path, {
        'noise': (range(0, 20), lambda t: wide(t, 2)),
        'actor': (range(0, 20), lambda t: tall(t, 1)),
    }, 20)
    read = read_ntu_bodies(path)
    assert read.bodies[0].motion > read.bodies[1].motion
    keypoint = select_bodies_mamp(read)
    assert keypoint.shape[0] == 1
    np.testing.assert_array_equal(keypoint[0, 7], tall(7, 1).astype(np.float32))


def test_partly_noisy_body_keeps_its_clean_motion(tmp_path):
    """A body noisy in 5 of 20 frames stays, with the motion of its clean frames."""
    def flicker(t):
        return wide(t, 2) * [3, 1, 1] if t % 4 == 0 else tall(t, 2)

    path = _file(tmp_path, {
        'flicker': (range(0, 20), flicker),
        'walker': (range(0, 20), lambda t: tall(t, 1, speed=0.01)),
    }, 20)
    read = read_ntu_bodies(path)
    assert read.bodies[0].motion > read.bodies[1].motion  # before the noise filter
    keypoint = select_bodies_mamp(read)
    assert keypoint.shape[0] == 2
    np.testing.assert_array_equal(keypoint[0, 1], tall(1, 1, speed=0.01).astype(np.float32))
    np.testing.assert_array_equal(keypoint[1, 1], tall(1, 2).astype(np.float32))


def test_order_by_motion_largest_first(tmp_path):
    path = _file(tmp_path, {
        'calm': (range(0, 20), lambda t: tall(t, 1)),
        'busy': (range(0, 20), lambda t: tall(t, 2, speed=0.05)),
    }, 20)
    keypoint = load_ntu_sample_mamp(path)
    np.testing.assert_array_equal(keypoint[0, 4], tall(4, 2, speed=0.05).astype(np.float32))
    np.testing.assert_array_equal(keypoint[1, 4], tall(4, 1).astype(np.float32))
    # GL's reader keeps file order
    np.testing.assert_array_equal(load_ntu_sample(path)[0, 4], tall(4, 1).astype(np.float32))


def test_interval_overlap_assignment(tmp_path):
    """Largest motion first: A -> person 0; B does not overlap A -> person 0 too; C overlaps
    person 0 -> person 1; D overlaps both -> dropped."""
    path = _file(tmp_path, {
        'D': (range(0, 40), lambda t: tall(t, 4)),
        'C': (range(10, 40), lambda t: tall(t, 3, speed=0.01)),
        'B': (range(20, 40), lambda t: tall(t, 2, speed=0.02)),
        'A': (range(0, 20), lambda t: tall(t, 1, speed=0.04)),
    }, 40)
    motion = {b.body_id: b.motion for b in read_ntu_bodies(path).bodies}
    assert motion['A'] > motion['B'] > motion['C'] > motion['D']
    keypoint = load_ntu_sample_mamp(path)
    assert keypoint.shape == (2, 40, 25, 3)
    np.testing.assert_array_equal(keypoint[0, 5], tall(5, 1, speed=0.04).astype(np.float32))
    np.testing.assert_array_equal(keypoint[0, 25], tall(25, 2, speed=0.02).astype(np.float32))
    np.testing.assert_array_equal(keypoint[1, 25], tall(25, 3, speed=0.01).astype(np.float32))
    assert not keypoint[1, :10].any()  # C starts at frame 10; D never placed


def test_frames_without_bodies_dropped_by_the_reader(tmp_path):
    path = _file(tmp_path, {'1': (range(0, 5), lambda t: tall(t, 1)),
                            '2': (range(8, 30), lambda t: tall(t, 2))}, 30)
    read = read_ntu_bodies(path)
    assert read.header_frames == 30 and read.num_frames == 27
    assert read.bodies[1].start == 5


def test_every_body_short_is_an_error(tmp_path):
    path = _file(tmp_path, {'1': (range(0, 8), lambda t: tall(t, 1)),
                            '2': (range(0, 8), lambda t: tall(t, 2))}, 8)
    with pytest.raises(DataError, match='fewer than 12 frames') as err:
        load_ntu_sample_mamp(path)
    assert str(path) in str(err.value)


def test_duplicate_id_in_a_frame_is_an_error(tmp_path):
    body = tall(0, 1)
    path = write_bodies(tmp_path / 'S001C001P001R001A001.skeleton', [[('7', body), ('7', body)]])
    with pytest.raises(DataError, match='appears twice'):
        read_ntu_bodies(path)


def test_convert_ntu_body_selection_option(tmp_path):
    frames = {'calm': (range(0, 20), lambda t: tall(t, 1)),
              'busy': (range(0, 20), lambda t: tall(t, 2, speed=0.05))}
    path = _file(tmp_path, frames, 20)
    gl, _ = convert_ntu([path])
    mamp, skipped = convert_ntu([path], body_selection='mamp')
    assert not skipped
    (ann, ) = mamp['annotations']
    assert ann['frame_dir'] == path.stem and ann['label'] == 49 and ann['total_frames'] == 20
    assert ann['keypoint'].shape == (2, 20, 25, 3) and ann['keypoint'].dtype == np.float32
    np.testing.assert_array_equal(ann['keypoint'][::-1], gl['annotations'][0]['keypoint'])
    assert mamp['split'] == gl['split']
    with pytest.raises(ValueError, match='body_selection'):
        convert_ntu([path], body_selection='largest')


def test_cli_body_selection(tmp_path):
    from tests.tools.test_data_tools import tool
    main = tool('ntu_to_pkl').main
    folder = tmp_path / 'skeletons'
    folder.mkdir()
    _file(folder, {'calm': (range(0, 20), lambda t: tall(t, 1)),
                   'busy': (range(0, 20), lambda t: tall(t, 2, speed=0.05))}, 20)
    out = tmp_path / 'out.pkl'
    assert main([str(folder), str(out), '--body-selection', 'mamp', '--no-progress']) == 0
    with open(out, 'rb') as f:
        keypoint = pickle.load(f)['annotations'][0]['keypoint']
    np.testing.assert_array_equal(keypoint[0, 0], tall(0, 2, speed=0.05).astype(np.float32))
