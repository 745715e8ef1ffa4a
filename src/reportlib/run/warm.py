"""The warm-up of a render worker's forkserver, run as the forkserver imports this module.

multiprocessing's forkserver imports the modules it is given before it forks anything
(``set_forkserver_preload``). This one runs :func:`reportlib.run.kernels.preload` there, once:
every kernel forked from it then starts with reportlib's modules imported, the catalogs
compiled and the SVG backend loaded, instead of doing it as it starts (about a third of a
second each).

A warm-up that fails here is not an error of the forkserver: each kernel then runs
:func:`~reportlib.run.kernels.preload` itself as its first line, where the failure shows as it
did before.
"""

import contextlib

from reportlib.run.kernels import preload

with contextlib.suppress(Exception):
    preload()
