// The benchmark's baseline: a bare Express 5 app that parses JSON and answers 201.
import express from 'express';

const app = express();
app.use(express.json());
app.post('/api/feedback', (_req, res) => res.status(201).json({ id: 'X', editKey: 'Y' }));
const server = app.listen(0, '127.0.0.1', () => {
  console.log(JSON.stringify({ server: `http://127.0.0.1:${server.address().port}` }));
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
