import { Anchor, type AnchorProps, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { type ComponentPropsWithoutRef, forwardRef } from 'react';

// Mantine components as router links with typed `to` and `params`: createLink needs a plain
// (non-polymorphic) anchor component, so each is pinned to `<a>` first.
const AnchorA = forwardRef<HTMLAnchorElement, AnchorProps & Omit<ComponentPropsWithoutRef<'a'>, keyof AnchorProps>>((props, ref) => (
  <Anchor component="a" ref={ref} {...props} />
));
const NavLinkA = forwardRef<HTMLAnchorElement, NavLinkProps & Omit<ComponentPropsWithoutRef<'a'>, keyof NavLinkProps>>((props, ref) => (
  <NavLink component="a" ref={ref} {...props} />
));

export const AnchorLink = createLink(AnchorA);
export const NavLinkLink = createLink(NavLinkA);
