# Loaded by Python at start (PYTHONPATH) for the benchmark's getmail6 run only.
#
# getmail6 6.18 forks a child per Maildir delivery and only then installs the SIGCHLD
# handler that reaps it and wakes the waiting parent. A child that exits before that (common
# on a loaded machine) leaves no signal to catch, and the parent sits out its whole timeout
# (180 s), then fails the delivery. Here the wait reaps the child itself when the handler has
# not: a blocking waitpid through getmail's own handler. Nothing else of getmail changes.
import signal
import threading

try:
    import getmailcore.baseclasses as _base
except ImportError:
    _base = None

if _base is not None:
    _prepare = _base.ForkingBase._prepare_child

    def _prepare_child(self):
        _prepare(self)
        owner = self

        class _ReapingCondition(threading.Condition):
            def wait(self, timeout=None):
                if owner._ForkingBase__child_pid == 0:
                    owner._child_handler(signal.SIGCHLD, None)
                return owner._ForkingBase__child_pid != 0

        self._ForkingBase__child_exited = _ReapingCondition()

    _base.ForkingBase._prepare_child = _prepare_child
