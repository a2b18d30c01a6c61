"""Built-in demo data: seeded synthetic NTU-layout motions in the pyskl format.

Eight classes (:data:`CLASSES`), six performed by one person and two by a pair. Each sample
is built by forward kinematics on a 25-joint Kinect v2 skeleton (so bone lengths stay
constant), then varied in body size, speed, amplitude, timing, viewpoint (rotation about the
vertical axis), position and sensor noise, in metres in Kinect camera space (y up, z away
from the camera, feet on a floor about 0.9 m below the sensor).

Two pairs of classes are time reversals of each other
(``circle_forward``/``circle_backward``: arm circles; ``give``/``take``: person 0 hands
something to person 1 or the other way round): their poses are identically distributed, the
body centre does not travel, and only the direction of motion tells them apart. Features
that ignore frame order (for example a randomly initialised GL-Transformer, whose positional
embeddings start at zero, averaged over frames) can hardly separate them; a model trained to
predict displacements can. That is what makes the demo show the benefit of MPDP pretraining
in a linear probe.

A second class set, ``variant='gestures'`` (:data:`GESTURES`), is defined by motion alone:
each class moves one body part (forearm, foot, head, trunk; two-person: a handshake or one
person waving at the other) by a few centimetres around a posture drawn at random for every
sample (arms, legs, spine and neck). The mean pose says little about the class while the
mean speed of each joint says everything (``tools/analysis/handcrafted_probe.py`` on the
``make demo``-sized set: 26.25% and 100% on the validation split, chance 12.5%): a test bed
for whether a self-supervised encoder learns motion.

Example:
    >>> from mmgl.datasets.demo import make_demo_annotations
    >>> data = make_demo_annotations(num_samples=16, seed=0)
    >>> data['annotations'][0]['keypoint'].shape[2:]
    (25, 3)
"""
from typing import Callable, Dict, List, Optional, Tuple

import numpy as np

from .layouts import get_layout

__all__ = ['CLASSES', 'TWO_PERSON', 'GESTURES', 'GESTURES_TWO_PERSON', 'VARIANTS',
           'make_demo_annotations', 'demo_sample', 'gesture_sample']

CLASSES = ('wave', 'punch', 'kick', 'squat', 'circle_forward', 'circle_backward', 'give',
           'take')
TWO_PERSON = frozenset(('give', 'take'))
GESTURES = ('shake_right_forearm', 'shake_left_forearm', 'tap_right_foot', 'tap_left_foot',
            'nod', 'sway', 'handshake', 'wave_at_partner')
GESTURES_TWO_PERSON = frozenset(('handshake', 'wave_at_partner'))
VARIANTS = {'actions': CLASSES, 'gestures': GESTURES}
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


def _ramp(t: np.ndarray, start: float, end: float) -> np.ndarray:
    """Smooth 0 -> 1 between ``start`` and ``end`` (fractions of the sequence)."""
    x = np.clip((t - start) / max(end - start, 1e-6), 0, 1)
    return x * x * (3 - 2 * x)


# Each motion maps (phase (T,), progress (T,) in [0, 1], amplitude, timing in [0, 1)) to
# local rotations and a body-frame root offset (T, 3) (forward is -z). Angles: +x rotation
# swings a hanging limb forward, -x bends a knee backwards, z rotations lift the arms
# sideways. ``timing`` shifts one-off events (shared by both persons of a pair).
Motion = Callable[[np.ndarray, np.ndarray, float, float],
                  Tuple[Dict[int, np.ndarray], np.ndarray]]


def _still(p):
    """No root motion ``(T, 3)``."""
    return np.zeros((len(p), 3))


def _wave(p, u, a, r):
    up = _ramp(u, 0, 0.2) * (1 - _ramp(u, 0.85, 1))
    return {8: _rz(2.4 * a * up), 9: _rz(0.6 * np.sin(2 * p) * up)}, _still(p)


def _punch(p, u, a, r):
    right, left = np.maximum(0, np.sin(p)) ** 2, np.maximum(0, -np.sin(p)) ** 2
    guard = _ramp(u, 0, 0.1)
    rot = {8: _rx(guard * (0.6 + 0.9 * a * right)), 9: _rx(guard * (1.8 - 1.7 * right)),
           4: _rx(guard * (0.6 + 0.9 * a * left)), 5: _rx(guard * (1.8 - 1.7 * left))}
    return rot, _still(p)


def _kick(p, u, a, r):
    k = np.maximum(0, np.sin(p)) ** 2
    return {16: _rx(1.3 * a * k), 17: _rx(-2.4 * k * (1 - k)), 8: _rz(0.3 + 0 * p),
            4: _rz(-0.3 + 0 * p)}, _still(p)


def _squat(p, u, a, r):
    s = a * (0.5 - 0.5 * np.cos(p))
    rot = {12: _rx(1.3 * s), 16: _rx(1.3 * s), 13: _rx(-2.0 * s), 17: _rx(-2.0 * s),
           1: _rx(-0.4 * s), 4: _rx(1.1 * s), 8: _rx(1.1 * s)}
    return rot, _still(p)


def _circle(p, u, a, r):
    # Both arms sweep full circles in the sagittal plane: down, forward, up, back.
    swing = _rx(p) @ _rz(0.15 * a + 0 * p)
    mirror = _rx(p) @ _rz(-0.15 * a + 0 * p)
    return {8: swing, 4: mirror, 9: _rx(0.2 + 0 * p), 5: _rx(0.2 + 0 * p)}, _still(p)


def _reach(delay: float) -> Motion:
    """Right arm out towards the partner and back; ``delay`` shifts it in the sequence."""
    def motion(p, u, a, r):
        start = 0.05 + 0.1 * r + delay
        out = _ramp(u, start, start + 0.2) * (1 - _ramp(u, start + 0.4, start + 0.6))
        return {8: _rx(1.1 * a * out) @ _rz(-0.2 * out), 9: _rx(0.5 * (1 - out))}, _still(p)
    return motion


# class -> (person 0, person 1 or None, played backwards). The reversed classes have exactly
# the pose distribution of their partner and no net displacement of the body centre, so
# only the direction of motion tells them apart.
_MOTIONS: Dict[str, Tuple[Motion, Optional[Motion], bool]] = {
    'wave': (_wave, None, False), 'punch': (_punch, None, False),
    'kick': (_kick, None, False), 'squat': (_squat, None, False),
    'circle_forward': (_circle, None, False), 'circle_backward': (_circle, None, True),
    'give': (_reach(0.0), _reach(0.15), False), 'take': (_reach(0.0), _reach(0.15), True),
}


def _person(motion: Motion, rng: np.random.Generator, frames: int, period: float,
            timing: float, yaw: float, position: np.ndarray) -> np.ndarray:
    """One person ``(T, 25, 3)`` in camera space."""
    t = np.arange(frames) / FPS
    phase = 2 * np.pi * t / period + rng.uniform(0, 2 * np.pi)
    progress = np.linspace(0, 1, frames)
    amplitude = rng.uniform(0.8, 1.2)
    local, root = motion(phase, progress, amplitude, timing)
    body = _forward_kinematics(rng.uniform(0.85, 1.15), local, frames) + root[:, None]
    # Feet on the floor in every frame (squats and crouches lower the body), then the
    # motion's own vertical offset (jumps) on top.
    body[..., 1] -= body[:, _FEET, 1].min(axis=1, keepdims=True) - root[:, 1:2]
    turn = _rot(1, np.full(frames, yaw))
    return body @ turn.transpose(0, 2, 1) + position


def _scene(rng: np.random.Generator, min_frames: int, max_frames: int,
           periods: Tuple[float, float]) -> Tuple[int, float, float, np.ndarray]:
    """Draw a sample's length, motion period (s), view angle and body centre (metres)."""
    frames = int(rng.integers(min_frames, max_frames + 1))
    period = rng.uniform(*periods)
    view = rng.uniform(-np.pi / 3, np.pi / 3)
    centre = np.array([rng.uniform(-0.5, 0.5), -0.9 + rng.uniform(-0.1, 0.1),
                       rng.uniform(2.6, 3.8)])
    return frames, period, view, centre


def demo_sample(label: int, rng: np.random.Generator, min_frames: int = 30,
                max_frames: int = 120, noise: Tuple[float, float] = NOISE) -> np.ndarray:
    """One sample of class ``CLASSES[label]``: ``keypoint (M, T, 25, 3)`` float32, M = 1 or 2.

    ``noise``: range of the per-sample sensor-noise standard deviation (metres).
    """
    name = CLASSES[label]
    frames, period, view, centre = _scene(rng, min_frames, max_frames, (0.7, 1.5))
    first, second, backwards = _MOTIONS[name]
    timing = rng.uniform()
    if second is None:
        persons = [_person(first, rng, frames, period, timing, view, centre)]
    else:
        gap = rng.uniform(0.85, 1.05) / 2
        side = np.array([np.cos(view), 0, -np.sin(view)]) * gap  # +x turned by the view
        # Facing each other: person 0 looks along +x, person 1 along -x (before the view).
        persons = [
            _person(first, rng, frames, period, timing, view - np.pi / 2, centre - side),
            _person(second, rng, frames, period, timing, view + np.pi / 2, centre + side)]
    keypoint = np.stack(persons)
    keypoint += rng.normal(0, rng.uniform(*noise), keypoint.shape)
    if backwards:
        keypoint = keypoint[:, ::-1]
    return np.ascontiguousarray(keypoint, dtype=np.float32)


def _oscillate(joint: int, axis: int, amplitude: float, one_sided: bool = False):
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
# Random static posture: joint -> (axis, low, high) of each local rotation, in order.
_POSTURE = ((8, ((0, -0.3, 1.5), (2, 0., 1.0))), (4, ((0, -0.3, 1.5), (2, -1.0, 0.))),
            (9, ((0, 0., 1.6), )), (5, ((0, 0., 1.6), )), (16, ((0, -0.2, 0.6), )),
            (12, ((0, -0.2, 0.6), )), (17, ((0, -0.8, 0.), )), (13, ((0, -0.8, 0.), )),
            (1, ((0, -0.25, 0.25), )), (2, ((0, -0.3, 0.3), )))


def _gesture_person(motion, rng: np.random.Generator, frames: int, period: float, yaw: float,
                    position: np.ndarray) -> np.ndarray:
    """One person of the gestures variant ``(T, 25, 3)``: a random posture, ``motion``
    (or none) on top."""
    phase = 2 * np.pi * np.arange(frames) / FPS / period + rng.uniform(0, 2 * np.pi)
    amplitude = rng.uniform(0.8, 1.2)
    local = {}
    for joint, rotations in _POSTURE:
        rot = np.eye(3)
        for axis, low, high in rotations:
            rot = rot @ _rot(axis, rng.uniform(low, high))
        local[joint] = np.broadcast_to(rot, (frames, 3, 3))
    for joint, rot in (motion(phase, amplitude) if motion else {}).items():
        local[joint] = local.get(joint, np.eye(3)) @ rot
    body = _forward_kinematics(rng.uniform(0.85, 1.15), local, frames)
    body[..., 1] -= body[:, _FEET, 1].min(axis=1, keepdims=True)
    return body @ _rot(1, np.full(frames, yaw)).transpose(0, 2, 1) + position


def gesture_sample(label: int, rng: np.random.Generator, min_frames: int = 30,
                   max_frames: int = 120, noise: Tuple[float, float] = (0.002, 0.005)
                   ) -> np.ndarray:
    """One sample of class ``GESTURES[label]``: ``keypoint (M, T, 25, 3)`` float32."""
    name = GESTURES[label]
    frames, period, view, centre = _scene(rng, min_frames, max_frames, (0.5, 1.0))
    if name not in GESTURES_TWO_PERSON:
        persons = [_gesture_person(_GESTURE_MOTIONS[name], rng, frames, period, view, centre)]
    else:
        gap = rng.uniform(0.85, 1.05) / 2
        side = np.array([np.cos(view), 0, -np.sin(view)]) * gap
        shake = _GESTURE_MOTIONS['shake_right_forearm']
        persons = [
            _gesture_person(shake, rng, frames, period, view - np.pi / 2, centre - side),
            _gesture_person(shake if name == 'handshake' else None, rng, frames, period,
                            view + np.pi / 2, centre + side)]
    keypoint = np.stack(persons)
    keypoint += rng.normal(0, rng.uniform(*noise), keypoint.shape)
    return np.ascontiguousarray(keypoint, dtype=np.float32)


def make_demo_annotations(num_samples: int = 400, seed: int = 0, val_every: int = 5,
                          min_frames: int = 30, max_frames: int = 120,
                          noise: Optional[Tuple[float, float]] = None,
                          variant: str = 'actions') -> dict:
    """The demo annotation dict: ``num_samples`` samples, classes in turn, splits ``train``
    and ``val`` (every ``val_every``-th sample of each class).

    ``variant``: ``'actions'`` (:data:`CLASSES`) or ``'gestures'`` (:data:`GESTURES`);
    ``noise``: range of the per-sample sensor-noise standard deviation in metres (default:
    the variant's own).

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
        keypoint = sample(label, rng, min_frames, max_frames, **noise_kwargs)
        name = f'demo{i:05d}_{classes[label]}'
        annotations.append(dict(frame_dir=name, label=label, total_frames=keypoint.shape[1],
                                keypoint=keypoint))
        split['val' if (i // len(classes)) % val_every == val_every - 1 else 'train'].append(name)
    return dict(split=split, annotations=annotations)
