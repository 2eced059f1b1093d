# The Repères service (and its ingestion job). Meilisearch runs in its own container
# (official image, see docker-compose.yml), so the embedded binary is not installed.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# pdftotext reads PDF text 3 to 6 times faster than pdf.js (the fallback without it).
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends poppler-utils \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .dsfr.yml ./
RUN npm ci --omit=dev && rm -rf node_modules/@gaubee && npm cache clean --force
COPY tsconfig.json ./
COPY src ./src
COPY ingest ./ingest
COPY guides ./guides
# The service writes its search log there (a volume in docker-compose.yml).
RUN mkdir -p /app/data && chown node:node /app/data
USER node
ENV HOST=0.0.0.0 PORT=3000 DATA_DIR=/app/data
EXPOSE 3000
CMD ["node", "--import", "tsx", "src/main.ts"]
