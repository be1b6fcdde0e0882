# GENERATED: do not edit. Written by `python deploy/make_dockerfile.py` from the output of
#   jupyter-repo2docker --no-build --debug --image-name ftrag-course .
# with jupyter-repo2docker 2026.4.0, from these files (repo2docker reads only binder/ when it exists):
#   binder/.dockerignore sha256:1f587e9f408f7dd65a7d70b49639f41076c8c8a8e78f8dbdc76e5c09cb95453d
#   binder/postBuild sha256:bb1c66952d57feb19781aa96f4c8c58e8ed4b28abc0c155cd249b90141f267f2
#   binder/runtime.txt sha256:22fa90cd1f8121c0165c6df911d1ea71452a179460fbe371834bb792ba42f6c9
# For review only: build the image with repo2docker (see instructor/jupyterhub.md), which also assembles the
# build context this file copies from (build_script_files/, src/). The script names under build_script_files/
# are shortened to their path inside the repo2docker package.
FROM docker.io/library/buildpack-deps:24.04

# Avoid prompts from apt
ENV DEBIAN_FRONTEND=noninteractive

# Set up locales properly
RUN apt-get -qq update && \
    apt-get -qq install --yes --no-install-recommends locales > /dev/null && \
    apt-get -qq purge && \
    apt-get -qq clean && \
    rm -rf /var/lib/apt/lists/*

RUN echo "en_US.UTF-8 UTF-8" > /etc/locale.gen && \
    locale-gen

ENV LC_ALL=en_US.UTF-8 \
    LANG=en_US.UTF-8 \
    LANGUAGE=en_US.UTF-8

# Use bash as default shell, rather than sh
ENV SHELL=/bin/bash

# Set up user
ARG NB_USER
ARG NB_UID
ENV USER=${NB_USER} \
    HOME=/home/${NB_USER}

# Ubuntu 24.04 has a predefined uid/gid 1000, older Ubuntu versions don't
RUN if getent group ${NB_UID}; then \
      GROUP_1000="$(getent group ${NB_UID} | cut -d: -f1)"; \
      if [ "$GROUP_1000" != "$NB_USER" ]; then \
        groupmod --new-name ${NB_USER} "$GROUP_1000"; \
      fi; \
    else \
      groupadd --gid ${NB_UID} ${NB_USER}; \
    fi
RUN if id ${NB_UID}; then \
      USER_1000="$(id ${NB_UID} -un)"; \
      if [ "$USER_1000" != "$NB_USER" ]; then \
        usermod --home "/home/$NB_USER" --login "$NB_USER" --move-home "$USER_1000"; \
      fi; \
    else \
      useradd \
        --comment "Default user" \
        --create-home \
        --gid ${NB_UID} \
        --no-log-init \
        --shell /bin/bash \
        --uid ${NB_UID} \
        ${NB_USER}; \
    fi

# Base package installs are not super interesting to users, so hide their outputs
# If install fails for some reason, errors will still be printed
RUN apt-get -qq update && \
    apt-get -qq install --yes --no-install-recommends \
       gettext-base \
       less \
       unzip \
       > /dev/null && \
    apt-get -qq purge && \
    apt-get -qq clean && \
    rm -rf /var/lib/apt/lists/*

EXPOSE 8888

# Environment variables required for build
ENV APP_BASE=/srv
ENV CONDA_DIR=${APP_BASE}/conda
ENV NB_PYTHON_PREFIX=${CONDA_DIR}/envs/notebook
ENV NPM_DIR=${APP_BASE}/npm
ENV NPM_CONFIG_GLOBALCONFIG=${NPM_DIR}/npmrc
ENV NB_ENVIRONMENT_FILE=/tmp/env/environment.lock
ENV MAMBA_ROOT_PREFIX=${CONDA_DIR}
ENV MAMBA_EXE=${CONDA_DIR}/bin/mamba
ENV CONDA_PLATFORM=linux-64
ENV KERNEL_PYTHON_PREFIX=${NB_PYTHON_PREFIX}
# Special case PATH
ENV PATH=${NB_PYTHON_PREFIX}/bin:${CONDA_DIR}/bin:${NPM_DIR}/bin:${PATH}
# If scripts required during build are present, copy them

COPY --chown=0:0 build_script_files/<repo2docker>/buildpacks-2fconda-2factivate-2dconda-2esh-7ebb78 /etc/profile.d/activate-conda.sh

COPY --chown=0:0 build_script_files/<repo2docker>/buildpacks-2fconda-2fenvironment-2epy-2d3-2e11-2dlinux-2d64-2elock-093b36 /tmp/env/environment.lock

COPY --chown=0:0 build_script_files/<repo2docker>/buildpacks-2fconda-2finstall-2dbase-2denv-2ebash-ab2616 /tmp/install-base-env.bash
RUN TIMEFORMAT='time: %3R' \
bash -c 'time /tmp/install-base-env.bash' && \
rm -rf /tmp/install-base-env.bash /tmp/env

RUN mkdir -p ${NPM_DIR} && \
chown -R ${NB_USER}:${NB_USER} ${NPM_DIR}


# ensure root user after build scripts
USER root

# Allow target path repo is cloned to be configurable
ARG REPO_DIR=${HOME}
ENV REPO_DIR=${REPO_DIR}
# Create a folder and grant the user permissions if it doesn't exist
RUN if [ ! -d "${REPO_DIR}" ]; then \
        /usr/bin/install -o ${NB_USER} -g ${NB_USER} -d "${REPO_DIR}"; \
    fi

WORKDIR ${REPO_DIR}
RUN chown ${NB_USER}:${NB_USER} ${REPO_DIR}

# We want to allow two things:
#   1. If there's a .local/bin directory in the repo, things there
#      should automatically be in path
#   2. postBuild and users should be able to install things into ~/.local/bin
#      and have them be automatically in path
#
# The XDG standard suggests ~/.local/bin as the path for local user-specific
# installs. See https://specifications.freedesktop.org/basedir-spec/basedir-spec-latest.html
ENV PATH=${HOME}/.local/bin:${REPO_DIR}/.local/bin:${PATH}

# The rest of the environment
ENV CONDA_DEFAULT_ENV=${KERNEL_PYTHON_PREFIX}
# Run pre-assemble scripts! These are instructions that depend on the content
# of the repository but don't access any files in the repository. By executing
# them before copying the repository itself we can cache these steps. For
# example installing APT packages.
# If scripts required during build are present, copy them

COPY --chown=0:0 src/binder/requirements.txt ${REPO_DIR}/binder/requirements.txt
USER ${NB_USER}
RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"

# ensure root user after preassemble scripts
USER root

# Copy stuff.
COPY --chown=0:0 src/ ${REPO_DIR}/

# Run assemble scripts! These will actually turn the specification
# in the repository into an image.


# Container image Labels!
# Put these at the end, since we don't want to rebuild everything
# when these change! Did I mention I hate Dockerfile cache semantics?

LABEL repo2docker.ref="None"
LABEL repo2docker.repo="local"
LABEL repo2docker.version="2026.4.0"

# We always want containers to run as non-root
USER ${NB_USER}

# Make sure that postBuild scripts are marked executable before executing them
RUN chmod +x binder/postBuild
RUN ./binder/postBuild

# Add start script
# Add entrypoint
ENV PYTHONUNBUFFERED=1
COPY --chmod=0755 /python3-login /usr/local/bin/python3-login
COPY --chmod=0755 /repo2docker-entrypoint /usr/local/bin/repo2docker-entrypoint
ENTRYPOINT ["/usr/local/bin/repo2docker-entrypoint"]

# Specify the default command to run
CMD ["jupyter", "notebook", "--ip", "0.0.0.0"]
