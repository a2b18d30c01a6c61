"""Built-in demo data: seeded synthetic NTU-layout motions in the pyskl format.

Eight classes (:data:`CLASSES`): four movements, each at two tempos (``_slow``: one cycle in
1.0-1.5 s; ``_fast``: 0.45-0.65 s; the ranges do not overlap), six performed by one person
and two (``dance_*``) by a pair facing each other. Each sample is built by forward kinematics
on a 25-joint Kinect v2 skeleton (so bone lengths stay constant), then varied in body size,
tempo within its range, amplitude, phase, viewpoint (rotation about the vertical axis),
position and sensor noise, in metres in Kinect camera space (y up, z away from the camera,
feet on a floor about 0.9 m below the sensor).

Within a tempo pair the poses are identically distributed (the same movement at another
speed), so features that ignore frame order cannot tell the pair apart. On ``make demo``'s
data (standardised logistic regression, validation split, chance 12.5%): the pose averaged
over frames 48.8%, a randomly initialised GL-Transformer with the learnable (zero-initialised)
position table 51.2%, the mean speed of each joint 98.8%
(``tools/analysis/handcrafted_probe.py``, ``tools/analysis/knn_eval.py --logreg``). MPDP's
targets are joint displacements, i.e. speeds, so a pretrained encoder that learns them
separates the pairs: that is what the demo shows (README, top).

A second class set, ``variant='gestures'`` (:data:`GESTURES`), is defined by motion alone:
each class moves one body part (forearm, foot, head, trunk; two-person: a handshake or one
person waving at the other) by a few centimetres around a posture drawn at random for every
sample (arms, legs, spine and neck). The mean pose says little about the class while the
mean speed of each joint says everything (26.25% and 100% on the validation split of the
``make demo``-sized set, chance 12.5%): a harder test bed, whose small movements MPDP does
not pick up at the demo's budget (README).

Example:
    >>> from mmgl.datasets.demo import make_demo_annotations
    >>> data = make_demo_annotations(num_samples=16, seed=0)
    >>> data['annotations'][0]['keypoint'].shape[2:]
    (25, 3)
"""
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import numpy as np

from .layouts import get_layout

__all__ = ['MOVEMENTS', 'CLASSES', 'TWO_PERSON', 'TEMPOS', 'GESTURES', 'GESTURES_TWO_PERSON',
           'VARIANTS', 'make_demo_annotations', 'demo_sample', 'gesture_sample']

# Motion period ranges (s) of the two tempos; disjoint, so the tempo is a class property.
TEMPOS = {'slow': (1.0, 1.5), 'fast': (0.45, 0.65)}
FPS = 30.0
# Per-sample sensor-noise standard deviation is drawn from this range (metres).
NOISE = (0.003, 0.012)

_LAYOUT = get_layout('nturgb+d')
# Rest pose of a 1.75 m adult in the body frame: x to the person's right, y up, the person
# facing -z (towards a camera at the origin), spine base at the origin.
_REST = np.array([
    (0, 0, 0), (0, 0.25, 0), (0, 0.55, 0), (0, 0.68, 0),              # 0-3 spine, neck, head
    (-0.18, 0.46, 0), (-0.22, 0.19, 0), (-0.24, -0.04, 0), (-0.25, -0.11, 0),   # 4-7 left arm
    (0.18, 0.46, 0), (0.22, 0.19, 0), (0.24, -0.04, 0), (0.25, -0.11, 0),       # 8-11 right arm
    (-0.09, -0.02, 0), (-0.10, -0.45, 0), (-0.10, -0.86, 0), (-0.10, -0.90, -0.10),  # 12-15
    (0.09, -0.02, 0), (0.10, -0.45, 0), (0.10, -0.86, 0), (0.10, -0.90, -0.10),      # 16-19
    (0, 0.48, 0),                                                        # 20 spine shoulder
    (-0.26, -0.18, 0), (-0.22, -0.13, -0.03), (0.26, -0.18, 0), (0.22, -0.13, -0.03),  # 21-24
])
_FEET = [14, 15, 18, 19]


def _order(parents) -> List[int]:
    order, todo = [], list(range(len(parents)))
    while todo:
        for j in list(todo):
            if parents[j] < 0 or parents[j] in order:
                order.append(j)
                todo.remove(j)
    return order


_ORDER = _order(_LAYOUT.parents)


def _rot(axis: int, angle) -> np.ndarray:
    """Rotations ``(T, 3, 3)`` about x (0), y (1) or z (2) by ``angle`` ``(T,)``."""
    angle = np.asarray(angle, dtype=np.float64)
    c, s = np.cos(angle), np.sin(angle)
    out = np.zeros(angle.shape + (3, 3))
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    out[..., axis, axis] = 1
    out[..., i, i], out[..., i, j], out[..., j, i], out[..., j, j] = c, -s, s, c
    return out


def _rx(a):
    return _rot(0, a)


def _rz(a):
    return _rot(2, a)


def _forward_kinematics(scale: float, local: Dict[int, np.ndarray], frames: int) -> np.ndarray:
    """Joint positions ``(T, 25, 3)`` in the body frame from per-joint local rotations."""
    rest = _REST * scale
    pos = np.zeros((frames, 25, 3))
    glob = {}
    eye = np.broadcast_to(np.eye(3), (frames, 3, 3))
    for j in _ORDER:
        parent = _LAYOUT.parents[j]
        if parent < 0:
            glob[j] = local.get(j, eye)
            continue
        offset = rest[j] - rest[parent]
        pos[:, j] = pos[:, parent] + glob[parent] @ offset
        glob[j] = glob[parent] @ local[j] if j in local else glob[parent]
    return pos


# A motion maps (phase (T,), amplitude) to local joint rotations (T, 3, 3). Angles: +x
# rotation swings a hanging limb forward, -x bends a knee backwards, z rotations lift the arms
# (and legs) sideways.
Motion = Callable[[np.ndarray, float], Dict[int, np.ndarray]]


def _squat(p, a):
    s = a * (0.5 - 0.5 * np.cos(p))
    return {12: _rx(1.3 * s), 16: _rx(1.3 * s), 13: _rx(-2.0 * s), 17: _rx(-2.0 * s),
            1: _rx(-0.4 * s), 4: _rx(1.1 * s), 8: _rx(1.1 * s)}


def _jumping_jack(p, a):
    s = a * (0.5 - 0.5 * np.cos(p))
    return {8: _rz(2.6 * s), 4: _rz(-2.6 * s), 16: _rz(0.35 * s), 12: _rz(-0.35 * s)}


def _march(p, a):
    # Knees up in turn, arms swinging against the legs, elbows slightly bent.
    right, left = np.maximum(0, np.sin(p)), np.maximum(0, -np.sin(p))
    bent = _rx(np.full(len(p), 0.5))
    return {16: _rx(0.9 * a * right), 17: _rx(-1.6 * a * right), 12: _rx(0.9 * a * left),
            13: _rx(-1.6 * a * left), 8: _rx(-0.6 * a * np.sin(p)), 4: _rx(0.6 * a * np.sin(p)),
            9: bent, 5: bent}


# movement -> motion of person 0 and, for two-person classes, of person 1
_MOVEMENTS: Dict[str, Tuple[Motion, ...]] = {
    'squat': (_squat, ), 'jumping_jack': (_jumping_jack, ), 'march': (_march, ),
    'dance': (_march, _march)}
MOVEMENTS = tuple(_MOVEMENTS)
CLASSES = tuple(f'{m}_{t}' for m in MOVEMENTS for t in TEMPOS)
TWO_PERSON = frozenset(c for c in CLASSES if len(_MOVEMENTS[c.rsplit('_', 1)[0]]) == 2)


def _oscillate(joint: int, axis: int, amplitude: float, one_sided: bool = False) -> Motion:
    """A gesture: ``joint`` rotates about ``axis`` by ``amplitude * a * sin(phase)``
    (``one_sided``: between 0 and ``2 * amplitude * a``, as a foot tapping)."""
    def motion(p, a):
        angle = amplitude * a * ((1 + np.sin(p)) if one_sided else np.sin(p))
        return {joint: _rot(axis, angle)}
    return motion


_GESTURE_MOTIONS = {
    'shake_right_forearm': _oscillate(9, 0, 0.5), 'shake_left_forearm': _oscillate(5, 0, 0.5),
    'tap_right_foot': _oscillate(17, 0, -0.25, True),
    'tap_left_foot': _oscillate(13, 0, -0.25, True),
    'nod': _oscillate(2, 0, 0.25), 'sway': _oscillate(1, 2, 0.15),
}
# gesture -> motions of the persons (None: standing still)
_GESTURE_PERSONS: Dict[str, Tuple[Optional[Motion], ...]] = {
    **{name: (motion, ) for name, motion in _GESTURE_MOTIONS.items()},
    'handshake': (_GESTURE_MOTIONS['shake_right_forearm'], ) * 2,
    'wave_at_partner': (_GESTURE_MOTIONS['shake_right_forearm'], None)}
GESTURES = tuple(_GESTURE_PERSONS)
GESTURES_TWO_PERSON = frozenset(g for g, persons in _GESTURE_PERSONS.items()
                                if len(persons) == 2)
VARIANTS = {'actions': CLASSES, 'gestures': GESTURES}
# Random static posture: joint -> (axis, low, high) of each local rotation, in order.
_POSTURE = ((8, ((0, -0.3, 1.5), (2, 0., 1.0))), (4, ((0, -0.3, 1.5), (2, -1.0, 0.))),
            (9, ((0, 0., 1.6), )), (5, ((0, 0., 1.6), )), (16, ((0, -0.2, 0.6), )),
            (12, ((0, -0.2, 0.6), )), (17, ((0, -0.8, 0.), )), (13, ((0, -0.8, 0.), )),
            (1, ((0, -0.25, 0.25), )), (2, ((0, -0.3, 0.3), )))


def _person(motion: Optional[Motion], rng: np.random.Generator, frames: int, period: float,
            yaw: float, position: np.ndarray, fps: float, posture: bool) -> np.ndarray:
    """One person ``(T, 25, 3)`` in camera space: the rest pose (or, with ``posture``, a
    random static posture), ``motion`` (or none) on top, feet on the floor in every frame."""
    phase = 2 * np.pi * np.arange(frames) / fps / period + rng.uniform(0, 2 * np.pi)
    amplitude = rng.uniform(0.8, 1.2)
    local = {}
    for joint, rotations in (_POSTURE if posture else ()):
        rot = np.eye(3)
        for axis, low, high in rotations:
            rot = rot @ _rot(axis, rng.uniform(low, high))
        local[joint] = np.broadcast_to(rot, (frames, 3, 3))
    for joint, rot in (motion(phase, amplitude) if motion else {}).items():
        local[joint] = local.get(joint, np.eye(3)) @ rot
    body = _forward_kinematics(rng.uniform(0.85, 1.15), local, frames)
    body[..., 1] -= body[:, _FEET, 1].min(axis=1, keepdims=True)
    return body @ _rot(1, np.full(frames, yaw)).transpose(0, 2, 1) + position


def _scene(rng: np.random.Generator, min_frames: int, max_frames: int,
           periods: Tuple[float, float]) -> Tuple[int, float, float, np.ndarray]:
    """Draw a sample's length, motion period (s), view angle and body centre (metres)."""
    frames = int(rng.integers(min_frames, max_frames + 1))
    period = rng.uniform(*periods)
    view = rng.uniform(-np.pi / 3, np.pi / 3)
    centre = np.array([rng.uniform(-0.5, 0.5), -0.9 + rng.uniform(-0.1, 0.1),
                       rng.uniform(2.6, 3.8)])
    return frames, period, view, centre


def _sample(motions: Sequence[Optional[Motion]], rng: np.random.Generator, min_frames: int,
            max_frames: int, periods: Tuple[float, float], noise: Tuple[float, float],
            fps: float, posture: bool) -> np.ndarray:
    """``keypoint (M, T, 25, 3)`` float32: one person per entry of ``motions`` (two face
    each other), plus sensor noise."""
    frames, period, view, centre = _scene(rng, min_frames, max_frames, periods)
    if len(motions) == 1:
        persons = [_person(motions[0], rng, frames, period, view, centre, fps, posture)]
    else:
        gap = rng.uniform(0.85, 1.05) / 2
        side = np.array([np.cos(view), 0, -np.sin(view)]) * gap  # +x turned by the view
        # Facing each other: person 0 looks along +x, person 1 along -x (before the view).
        persons = [
            _person(motions[0], rng, frames, period, view - np.pi / 2, centre - side, fps,
                    posture),
            _person(motions[1], rng, frames, period, view + np.pi / 2, centre + side, fps,
                    posture)]
    keypoint = np.stack(persons)
    keypoint += rng.normal(0, rng.uniform(*noise), keypoint.shape)
    return np.ascontiguousarray(keypoint, dtype=np.float32)


def demo_sample(label: int, rng: np.random.Generator, min_frames: int = 30,
                max_frames: int = 120, noise: Tuple[float, float] = NOISE,
                fps: float = FPS) -> np.ndarray:
    """One sample of class ``CLASSES[label]``: ``keypoint (M, T, 25, 3)`` float32, M = 1 or 2.

    ``noise``: range of the per-sample sensor-noise standard deviation (metres); ``fps``:
    frame rate (the tempo is in seconds, so a lower rate gives larger steps per frame).
    """
    movement, tempo = CLASSES[label].rsplit('_', 1)
    return _sample(_MOVEMENTS[movement], rng, min_frames, max_frames, TEMPOS[tempo], noise,
                   fps, posture=False)


def gesture_sample(label: int, rng: np.random.Generator, min_frames: int = 30,
                   max_frames: int = 120, noise: Tuple[float, float] = (0.002, 0.005),
                   fps: float = FPS) -> np.ndarray:
    """One sample of class ``GESTURES[label]``: ``keypoint (M, T, 25, 3)`` float32."""
    return _sample(_GESTURE_PERSONS[GESTURES[label]], rng, min_frames, max_frames, (0.5, 1.0),
                   noise, fps, posture=True)


def make_demo_annotations(num_samples: int = 400, seed: int = 0, val_every: int = 5,
                          min_frames: int = 30, max_frames: int = 120,
                          noise: Optional[Tuple[float, float]] = None,
                          variant: str = 'actions', fps: float = FPS) -> dict:
    """The demo annotation dict: ``num_samples`` samples, classes in turn, splits ``train``
    and ``val`` (every ``val_every``-th sample of each class).

    ``variant``: ``'actions'`` (:data:`CLASSES`) or ``'gestures'`` (:data:`GESTURES`);
    ``noise``: range of the per-sample sensor-noise standard deviation in metres (default:
    the variant's own); ``fps``: frame rate (``make demo`` uses 15 with 12-32 frames: the
    same seconds as 24-64 frames at 30, at half the cost).

    Sample ``i`` depends only on ``(seed, i)``, so a larger set extends a smaller one.
    """
    if variant not in VARIANTS:
        raise ValueError(f'variant must be one of {tuple(VARIANTS)}, got {variant!r}')
    classes = VARIANTS[variant]
    sample = demo_sample if variant == 'actions' else gesture_sample
    noise_kwargs = {} if noise is None else dict(noise=noise)
    annotations, split = [], {'train': [], 'val': []}
    for i in range(num_samples):
        label = i % len(classes)
        rng = np.random.default_rng([seed, i])
        keypoint = sample(label, rng, min_frames, max_frames, fps=fps, **noise_kwargs)
        name = f'demo{i:05d}_{classes[label]}'
        annotations.append(dict(frame_dir=name, label=label, total_frames=keypoint.shape[1],
                                keypoint=keypoint))
        split['val' if (i // len(classes)) % val_every == val_every - 1 else 'train'].append(name)
    return dict(split=split, annotations=annotations)
