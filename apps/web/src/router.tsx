// Every screen of the web app. Screens load lazily, route by route, so a first visit downloads
// the shell and the sign-in page only.
import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { LoginPage } from './auth/login-page.js';
import { RequireSession } from './auth/require-session.js';
import { AppShell } from './layout/app-shell.js';
import { Loading, NotFoundPage, RouteError } from './layout/status.js';

const inbox = async () => ({ Component: (await import('./inbox/inbox-page.js')).InboxPage });

const routes: RouteObject[] = [
  { path: '/login', Component: LoginPage },
  {
    path: '/',
    Component: RequireSession,
    HydrateFallback: Loading,
    ErrorBoundary: RouteError,
    children: [
      {
        Component: AppShell,
        ErrorBoundary: RouteError,
        children: [
          { index: true, element: <Navigate to="/inbox/mine" replace /> },
          {
            lazy: async () => ({
              Component: (await import('./inbox/workspace-layout.js')).WorkspaceLayout,
            }),
            children: [
              { path: 'inbox/queues/:queueId', lazy: inbox },
              { path: 'inbox/views/:viewId', lazy: inbox },
              { path: 'inbox/:scope', lazy: inbox },
              {
                path: 'tickets/:number',
                lazy: async () => ({
                  Component: (await import('./ticket/ticket-page.js')).TicketPage,
                }),
              },
            ],
          },
          {
            path: 'reports',
            lazy: async () => ({
              Component: (await import('./reports/reports-page.js')).ReportsPage,
            }),
          },
          {
            path: 'notifications',
            lazy: async () => ({
              Component: (await import('./account/notifications-page.js')).NotificationsPage,
            }),
          },
          {
            path: 'account/tokens',
            lazy: async () => ({
              Component: (await import('./account/tokens-page.js')).TokensPage,
            }),
          },
          {
            path: 'admin',
            lazy: async () => ({
              Component: (await import('./admin/admin-layout.js')).AdminLayout,
            }),
            children: [
              { index: true, element: <Navigate to="/admin/users" replace /> },
              {
                path: 'users',
                lazy: async () => ({
                  Component: (await import('./admin/users-page.js')).UsersPage,
                }),
              },
              {
                path: 'teams',
                lazy: async () => ({
                  Component: (await import('./admin/teams-page.js')).TeamsPage,
                }),
              },
              {
                path: 'organizations',
                lazy: async () => ({
                  Component: (await import('./admin/organizations-page.js')).OrganizationsPage,
                }),
              },
              {
                path: 'queues',
                lazy: async () => ({
                  Component: (await import('./admin/queues-page.js')).QueuesPage,
                }),
              },
              {
                path: 'queues/:queueId',
                lazy: async () => ({
                  Component: (await import('./admin/queue-page.js')).QueuePage,
                }),
              },
              {
                path: 'settings',
                lazy: async () => ({
                  Component: (await import('./admin/settings-page.js')).SettingsPage,
                }),
              },
              {
                path: 'audit',
                lazy: async () => ({
                  Component: (await import('./admin/audit-page.js')).AuditPage,
                }),
              },
              {
                path: 'mailboxes',
                lazy: async () => ({
                  Component: (await import('./admin/mailboxes-page.js')).MailboxesPage,
                }),
              },
              {
                path: 'quarantine',
                lazy: async () => ({
                  Component: (await import('./admin/quarantine-page.js')).QuarantinePage,
                }),
              },
              {
                path: 'templates',
                lazy: async () => ({
                  Component: (await import('./admin/mail-templates-page.js')).MailTemplatesPage,
                }),
              },
              {
                path: 'sla',
                lazy: async () => ({ Component: (await import('./admin/sla-page.js')).SlaPage }),
              },
            ],
          },
          { path: '*', Component: NotFoundPage },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
