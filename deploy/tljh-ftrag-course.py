# JupyterHub config snippet for The Littlest JupyterHub: the "Fine-tune or RAG?" course's environment for every
# learner. deploy/tljh-setup.sh installs it as /opt/tljh/config/jupyterhub_config.d/ftrag-course.py (TLJH loads
# every .py file there after its own settings); MODELS_DIR is rewritten to the folder the script converted the
# generator into.
MODELS_DIR = "/srv/ftrag-models"

c = get_config()  # noqa: F821 (provided by JupyterHub when it loads the snippet)
c.Spawner.environment.update(
    {
        # The generator, converted once and shared read-only; each learner's own cache (~/.cache/ftrag) keeps
        # only their adapters and results.
        "FTRAG_GENERATOR": f"{MODELS_DIR}/smollm2-135m-instruct",
        # torch sizes its thread pool from the machine's cores, not the learner's CPU limit: 2 threads each.
        "OMP_NUM_THREADS": "2",
        "MKL_NUM_THREADS": "2",
        "TOKENIZERS_PARALLELISM": "false",
        # Both models are on the server; nothing should reach a model hub during the workshop.
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
)
# Learners land on the first notebook of their own copy (made from /etc/skel when TLJH creates their account).
c.Spawner.default_url = "/lab/tree/course-kit/notebooks/00_start_here.ipynb"
