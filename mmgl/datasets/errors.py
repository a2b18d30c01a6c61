"""The one error type for unusable data: it always names the sample (or file) and the problem."""

__all__ = ['DataError']


class DataError(ValueError):
    """A sample or file that cannot be used as it is.

    Args:
        where (str): The ``frame_dir`` of the sample, or the path of the file.
        problem (str): What is wrong, in words a user can act on.
    """

    def __init__(self, where: str, problem: str) -> None:
        self.where = str(where)
        self.problem = problem
        super().__init__(f'{self.where}: {problem}')
