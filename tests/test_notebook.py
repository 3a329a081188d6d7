"""notebooks/quickstart.ipynb runs from top to bottom, so it cannot go stale."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "quickstart.ipynb"


@pytest.mark.slow
def test_quickstart_notebook_runs(tmp_path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    import kg
    from kg.errors import ModelNotFoundError

    try:
        kg.load_pipeline()
    except ModelNotFoundError as error:
        pytest.skip(str(error))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    (tmp_path / "seeds").symlink_to(NOTEBOOK.parents[1] / "seeds")
    work = tmp_path / "notebooks"
    work.mkdir()
    nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(work)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert (work / "quickstart-output" / "seeds.json").exists()
