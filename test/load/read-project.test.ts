import { symlink } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../compiler/load/read-project.js';
import { writeProject } from '../helpers/temp-project.js';

describe('loadProject', () => {
  it('finds files in sorted order whatever the order they were written in', async () => {
    const dir = await writeProject({
      'flows/z.flow.yaml': 'flow: z\n',
      'flows/a.flow.yaml': 'flow: a\n',
      'templates/m.yaml': 'actions: []\n',
      'flows/messages/en-US.yaml': 'x: y\n',
    });
    const { files } = await loadProject(dir);
    expect(files.map((f) => f.path)).toEqual(['flows/a.flow.yaml', 'flows/messages/en-US.yaml', 'flows/z.flow.yaml', 'templates/m.yaml']);
  });

  it('an unreadable file (a broken link) is an error naming it, not a silent skip', async () => {
    const dir = await writeProject({ 'flows/a.flow.yaml': 'flow: a\n' });
    await symlink(path.join(dir, 'missing-target.yaml'), path.join(dir, 'flows/b.flow.yaml'));
    const { diagnostics } = await loadProject(dir);
    expect(diagnostics.map((d) => [d.code, d.file])).toEqual([['load/unreadable', 'flows/b.flow.yaml']]);
    // A link to nothing is not a matter of permissions.
    expect(diagnostics[0]?.message).toBe('This is a link to a file that does not exist.');
    expect(diagnostics[0]?.hint).toMatch(/^Point the link at an existing file/);
  });

  it('unknown and .yml files are warnings', async () => {
    const dir = await writeProject({ 'flows/a.flow.yaml': 'flow: a\n', 'flows/notes.yaml': 'x: 1\n', 'flows/b.flow.yml': 'flow: b\n' });
    const { diagnostics } = await loadProject(dir);
    expect(diagnostics.map((d) => [d.code, d.severity, d.file])).toEqual([
      ['load/yml-extension', 'warning', 'flows/b.flow.yml'],
      ['load/unknown-file', 'warning', 'flows/notes.yaml'],
    ]);
  });
});
