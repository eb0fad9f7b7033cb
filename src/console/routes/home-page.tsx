import { Alert, Button, Center, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import type { Domain } from '../../contract/admin.js';
import { apiRequest } from '../api/api-client.js';
import { domainsQuery, meQuery } from '../api/session-api.js';
import { pickDomain } from '../components/app-frame.js';
import { showError } from '../lib/show-error.js';

/** `/`: opens the last used domain's devices; without any domain, says what to do. */
export function HomePage() {
  const domains = useQuery(domainsQuery);
  const me = useQuery(meQuery);
  if (domains.isPending) {
    return (
      <Center mih="50vh">
        <Loader aria-label="Loading" />
      </Center>
    );
  }
  const items = domains.data ?? [];
  const target = pickDomain(items.map((d) => d.slug));
  if (target) return <Navigate to="/domains/$domain/devices" params={{ domain: target }} replace />;
  return (
    <Stack maw={520}>
      <Title order={1}>No domain yet</Title>
      {me.data?.user.isPlatformAdmin ? (
        <CreateDomainForm />
      ) : (
        <Text>You are not a member of any domain. Ask a platform administrator to add you to one.</Text>
      )}
    </Stack>
  );
}

function CreateDomainForm() {
  const queryClient = useQueryClient();
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: () => apiRequest<Domain>('POST', '/api/v1/domains', { slug, name }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: domainsQuery.queryKey }),
    onError: (error) => showError('Could not create the domain', error),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit}>
      <Stack>
        <Text>A domain holds the devices of one organisation or site. Create the first one:</Text>
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <TextInput
          label="Slug"
          description="Lower-case letters, digits and dashes; part of every URL and of the devices' configuration."
          required
          value={slug}
          onChange={(e) => setSlug(e.currentTarget.value)}
        />
        {create.isError && <Alert color="red">{create.error.message}</Alert>}
        <Button type="submit" loading={create.isPending}>
          Create domain
        </Button>
      </Stack>
    </form>
  );
}
