"""``fell_significantly``: a one-sided two-proportion z-test, pure arithmetic."""

from cchc.lib.indices import fell_significantly


def test_a_tiny_dip_on_many_ratings_is_not_a_fall():
    assert not fell_significantly(161, 174, 186, 200)  # 92.5 % after 93.0 %


def test_thirty_percent_of_ten_after_all_ten_is_a_fall():
    assert fell_significantly(3, 10, 10, 10)


def test_a_rise_is_never_a_fall():
    assert not fell_significantly(10, 10, 3, 10)


def test_known_z_value_at_the_threshold():
    # 40/100 after 54/100: pooled 0.47, spread 0.0706, z = 1.983 > 1.96; 41/100 gives z = 1.84.
    assert fell_significantly(40, 100, 54, 100)
    assert not fell_significantly(41, 100, 54, 100)


def test_no_observations_or_a_degenerate_share_gives_no_verdict():
    assert not fell_significantly(0, 0, 10, 10)
    assert not fell_significantly(5, 10, 0, 0)
    assert not fell_significantly(0, 2, 0, 2)  # pooled share 0: no spread
