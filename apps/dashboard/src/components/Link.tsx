import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { navigate } from "../hooks/useLocation.js";
import { isPlainLeftClick } from "../lib/routes.js";

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string };

/** A real link (works with middle click, copy link, no JS) that navigates in-app on a plain click. */
export function Link({ href, onClick, target, ...rest }: LinkProps) {
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (target || !isPlainLeftClick(e)) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} target={target} onClick={handleClick} {...rest} />;
}
